namespace RealtimeAsr.Cli.Evaluation;

/// <summary>
/// Minimum-cost alignment of a hypothesis to a reference (Levenshtein, weighted), breaking ties as sclite does: in
/// each cell the diagonal (match or substitution) wins ties, and a deletion is taken only when strictly cheaper than
/// an insertion. Among equal-cost alignments sclite therefore reports three substitutions rather than two deletions
/// and two insertions, and so does this one.
/// </summary>
/// <remarks>
/// Time and memory are O(reference × hypothesis) (one byte per cell for the back-trace): a file is one segment, so
/// long recordings should be cut into utterances, as sclite's inputs are.
/// </remarks>
internal static class LevenshteinAligner
{
    private const byte Diagonal = 0;
    private const byte Up = 1;   // consumes a reference token: deletion
    private const byte Left = 2; // consumes a hypothesis token: insertion

    /// <summary>Aligns <paramref name="hypothesis"/> to <paramref name="reference"/>; tokens compare ordinally.</summary>
    public static IReadOnlyList<AlignedPair> Align(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis, AlignmentWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        weights ??= AlignmentWeights.Sclite;
        int rows = reference.Count, columns = hypothesis.Count;
        var moves = new byte[(rows + 1) * (columns + 1)];
        var previous = new long[columns + 1];
        var current = new long[columns + 1];
        for (var j = 1; j <= columns; j++)
        {
            previous[j] = previous[j - 1] + weights.Insertion;
            moves[j] = Left;
        }

        for (var i = 1; i <= rows; i++)
        {
            current[0] = previous[0] + weights.Deletion;
            moves[i * (columns + 1)] = Up;
            for (var j = 1; j <= columns; j++)
            {
                var same = string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal);
                var diagonal = previous[j - 1] + (same ? weights.Correct : weights.Substitution);
                var deletion = previous[j] + weights.Deletion;
                var insertion = current[j - 1] + weights.Insertion;
                (current[j], moves[(i * (columns + 1)) + j]) =
                    diagonal <= deletion && diagonal <= insertion ? (diagonal, Diagonal)
                    : deletion < insertion ? (deletion, Up)
                    : (insertion, Left);
            }

            (previous, current) = (current, previous);
        }

        return Trace(reference, hypothesis, moves);
    }

    private static AlignedPair[] Trace(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis, byte[] moves)
    {
        var columns = hypothesis.Count;
        var steps = new List<AlignedPair>(Math.Max(reference.Count, columns));
        int i = reference.Count, j = columns;
        while (i > 0 || j > 0)
        {
            switch (moves[(i * (columns + 1)) + j])
            {
                case Diagonal:
                    var same = string.Equals(reference[i - 1], hypothesis[j - 1], StringComparison.Ordinal);
                    steps.Add(new AlignedPair(same ? EditOperation.Correct : EditOperation.Substitution, reference[i - 1], hypothesis[j - 1]));
                    i--;
                    j--;
                    break;
                case Up:
                    steps.Add(new AlignedPair(EditOperation.Deletion, reference[i - 1], null));
                    i--;
                    break;
                default:
                    steps.Add(new AlignedPair(EditOperation.Insertion, null, hypothesis[j - 1]));
                    j--;
                    break;
            }
        }

        steps.Reverse();
        return [.. steps];
    }
}
