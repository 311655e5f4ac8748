namespace RealtimeAsr.Cli.Evaluation;

/// <summary>One hypothesis scored against its reference, in words and in characters.</summary>
/// <param name="Reference">The reference after normalisation.</param>
/// <param name="Hypothesis">The hypothesis after normalisation.</param>
/// <param name="Words">Word counts (WER).</param>
/// <param name="Characters">Character counts (CER).</param>
internal sealed record TranscriptScore(string Reference, string Hypothesis, ErrorCounts Words, ErrorCounts Characters);
