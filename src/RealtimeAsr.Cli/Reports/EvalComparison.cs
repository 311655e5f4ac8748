namespace RealtimeAsr.Cli.Reports;

/// <summary>
/// This run against a saved one (<c>--compare</c>): files matched by name; a file in only one run has its other side
/// empty. The totals compare the two runs' own totals.
/// </summary>
internal sealed class EvalComparison
{
    /// <summary>The saved report's path, as given.</summary>
    public required string Baseline { get; init; }

    public required IReadOnlyList<ComparisonRow> Files { get; init; }

    public required ComparisonRow Totals { get; init; }

    public static EvalComparison Of(EvalReport current, EvalReport baseline, string baselineName)
    {
        var saved = baseline.Files.GroupBy(file => file.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var currentNames = current.Files.Select(file => file.Name).ToHashSet(StringComparer.Ordinal);
        var rows = current.Files.Select(file => Row(file.Name, saved.GetValueOrDefault(file.Name), file))
            .Concat(baseline.Files.Where(file => !currentNames.Contains(file.Name)).Select(file => Row(file.Name, file, null)))
            .ToList();
        var totals = new ComparisonRow
        {
            Name = "overall",
            Wer = new(baseline.Totals.Words.Rate, current.Totals.Words.Rate),
            Cer = new(baseline.Totals.Characters.Rate, current.Totals.Characters.Rate),
            EndOfSpeechToFinalMs = new(baseline.Totals.EndOfSpeechToFinalMs.Mean, current.Totals.EndOfSpeechToFinalMs.Mean),
            FirstPartialMs = new(baseline.Totals.FirstPartialMs.Mean, current.Totals.FirstPartialMs.Mean),
        };
        return new EvalComparison { Baseline = baselineName, Files = rows, Totals = totals };
    }

    private static ComparisonRow Row(string name, FileReport? before, FileReport? now) => new()
    {
        Name = name,
        OnlyIn = before is null ? "this run" : now is null ? "saved run" : null,
        Wer = new(before?.Words?.Rate, now?.Words?.Rate),
        Cer = new(before?.Characters?.Rate, now?.Characters?.Rate),
        EndOfSpeechToFinalMs = new(before?.EndOfSpeechToFinalMs.Mean, now?.EndOfSpeechToFinalMs.Mean),
        FirstPartialMs = new(before?.FirstPartialMs.Mean, now?.FirstPartialMs.Mean),
    };
}
