namespace RealtimeAsr.Recognition;

/// <summary>Per-utterance recognition settings, taken from the session configuration.</summary>
/// <param name="Language">Requested language code, or <see langword="null"/> for the engine's default / detection.</param>
/// <param name="Context">Free-form biasing text (the protocol's <c>corpus.text</c>), or <see langword="null"/>.</param>
/// <param name="SourceSampleRate">
/// The rate the client recorded at (8000 for telephony). Engines always get <see cref="RecognitionAudio.SampleRate"/>,
/// but upsampled narrowband audio has nothing above 4 kHz, which an engine may want to normalise for.
/// </param>
public sealed record RecognitionOptions(string? Language = null, string? Context = null, int SourceSampleRate = RecognitionAudio.SampleRate);
