namespace RealtimeAsr.Recognition;

/// <summary>What a window engine asks its model to decode: one <see cref="WindowDecode"/> with its audio.</summary>
/// <param name="Kind">Partial re-decode, last decode of a window that is cut, or the final decode.</param>
/// <param name="Audio">The window's samples (16 kHz mono); valid until the decode's task completes.</param>
/// <param name="PreviousText">
/// What the model said about the utterance's earlier windows (empty for the first): a prompt that carries the context
/// across a cut.
/// </param>
public readonly record struct WindowDecodeRequest(WindowDecodeKind Kind, ReadOnlyMemory<short> Audio, string PreviousText);

/// <summary>A window engine's answer for one <see cref="WindowDecodeRequest"/>.</summary>
/// <param name="Text">The model's text for the window (filtered: no hallucinated silence, no loops).</param>
/// <param name="Language">The language the model detected, or <see langword="null"/> when it was told one or cannot say.</param>
/// <param name="Pauses">
/// Points of silence inside the window the model found (gaps between its segments), as sample offsets from the window's
/// start: long speech is cut there. <see langword="null"/> when it cannot say.
/// </param>
public readonly record struct WindowHypothesis(string Text, string? Language = null, IReadOnlyList<long>? Pauses = null);
