namespace RealtimeAsr.Recognition;

/// <summary>Per-utterance recognition settings, taken from the session configuration.</summary>
/// <param name="Language">Requested language code, or <see langword="null"/> for the engine's default / detection.</param>
/// <param name="Context">Free-form biasing text (the protocol's <c>corpus.text</c>), or <see langword="null"/>.</param>
public sealed record RecognitionOptions(string? Language = null, string? Context = null);
