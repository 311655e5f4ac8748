namespace RealtimeAsr.Cli.Evaluation;

/// <summary>
/// The counts of an alignment (words or characters), as sclite reports them. Counts add up across files; the rate of
/// a sum is total errors over total reference tokens, never a mean of per-file rates.
/// </summary>
/// <param name="Correct">Reference tokens recognised as themselves.</param>
/// <param name="Substitutions">Reference tokens recognised as other tokens.</param>
/// <param name="Deletions">Reference tokens missing from the hypothesis.</param>
/// <param name="Insertions">Hypothesis tokens with no reference token.</param>
internal readonly record struct ErrorCounts(int Correct, int Substitutions, int Deletions, int Insertions)
{
    /// <summary>N: tokens in the reference (correct + substitutions + deletions).</summary>
    public int ReferenceCount => Correct + Substitutions + Deletions;

    /// <summary>Tokens in the hypothesis (correct + substitutions + insertions).</summary>
    public int HypothesisCount => Correct + Substitutions + Insertions;

    /// <summary>S + D + I.</summary>
    public int Errors => Substitutions + Deletions + Insertions;

    /// <summary>(S + D + I) / N: WER for words, CER for characters. Undefined (<see langword="null"/>) for an empty reference.</summary>
    public double? Rate => ReferenceCount == 0 ? null : (double)Errors / ReferenceCount;

    public static ErrorCounts operator +(ErrorCounts left, ErrorCounts right) => new(
        left.Correct + right.Correct,
        left.Substitutions + right.Substitutions,
        left.Deletions + right.Deletions,
        left.Insertions + right.Insertions);

    /// <summary>Counts the operations of an alignment.</summary>
    public static ErrorCounts Of(IEnumerable<AlignedPair> alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        int correct = 0, substitutions = 0, deletions = 0, insertions = 0;
        foreach (var step in alignment)
        {
            switch (step.Operation)
            {
                case EditOperation.Correct: correct++; break;
                case EditOperation.Substitution: substitutions++; break;
                case EditOperation.Deletion: deletions++; break;
                default: insertions++; break;
            }
        }

        return new ErrorCounts(correct, substitutions, deletions, insertions);
    }

    /// <summary>The sum of <paramref name="counts"/>.</summary>
    public static ErrorCounts Sum(IEnumerable<ErrorCounts> counts) => counts.Aggregate(default(ErrorCounts), (total, next) => total + next);

    /// <summary><paramref name="left"/> + <paramref name="right"/>.</summary>
    public static ErrorCounts Add(ErrorCounts left, ErrorCounts right) => left + right;
}
