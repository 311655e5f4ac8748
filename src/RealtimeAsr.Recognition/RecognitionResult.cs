namespace RealtimeAsr.Recognition;

/// <summary>The end of an utterance's recognition.</summary>
/// <param name="LastPartial">
/// The last partial result, sent as the utterance's last <c>.text</c> event before <c>.completed</c>: what the final
/// pass confirmed of the preview.
/// </param>
/// <param name="Transcript">The final transcript; empty when no words were recognised.</param>
/// <param name="Language">The language the engine detected, or <see langword="null"/> when it did not detect one.</param>
public sealed record RecognitionResult(RecognitionPartial LastPartial, string Transcript, string? Language = null);
