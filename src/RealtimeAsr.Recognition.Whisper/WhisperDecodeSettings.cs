namespace RealtimeAsr.Recognition.Whisper;

/// <summary>What one decode asks of whisper.cpp, settled by the utterance from the engine's options and the session.</summary>
/// <param name="Kind">Partial, cut or final decode.</param>
/// <param name="Language">Whisper's code of the language to transcribe, or <see langword="null"/> to detect it first.</param>
/// <param name="Prompt">The decoder's prompt (<see cref="WhisperPrompt"/>); empty for none.</param>
/// <param name="AudioContext">The encoder context in positions (50 per second of audio), or 0 for the model's full 30 s.</param>
/// <param name="TemperatureFallback">whisper.cpp's temperature increment for retries; 0 for one greedy pass.</param>
internal readonly record struct WhisperDecodeSettings(
    WindowDecodeKind Kind, string? Language, string Prompt, int AudioContext, float TemperatureFallback);
