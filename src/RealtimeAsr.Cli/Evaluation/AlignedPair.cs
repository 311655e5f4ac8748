namespace RealtimeAsr.Cli.Evaluation;

/// <summary>One step of an alignment: the operation and the tokens it pairs (null on the side that has none).</summary>
internal readonly record struct AlignedPair(EditOperation Operation, string? Reference, string? Hypothesis);
