namespace RealtimeAsr.Cli.Evaluation;

/// <summary>The cost of each edit in a Levenshtein alignment.</summary>
/// <param name="Correct">Cost of a match.</param>
/// <param name="Substitution">Cost of a substitution.</param>
/// <param name="Insertion">Cost of an insertion.</param>
/// <param name="Deletion">Cost of a deletion.</param>
internal sealed record AlignmentWeights(int Correct, int Substitution, int Insertion, int Deletion)
{
    /// <summary>
    /// NIST sclite's defaults (0, 4, 3, 3): a substitution is cheaper than a deletion plus an insertion, so the
    /// alignment prefers it, and the error counts come out as sclite reports them.
    /// </summary>
    public static AlignmentWeights Sclite { get; } = new(0, 4, 3, 3);
}
