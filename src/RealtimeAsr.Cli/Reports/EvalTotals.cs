using RealtimeAsr.Cli.Evaluation;

namespace RealtimeAsr.Cli.Reports;

/// <summary>
/// The whole run: counts summed over the scored files (so WER is total errors over total reference words), latencies
/// over all their utterances.
/// </summary>
internal sealed class EvalTotals
{
    public int Files { get; init; }

    /// <summary>Files whose session failed; they are left out of every total below.</summary>
    public int FilesWithErrors { get; init; }

    public ErrorCounts Words { get; init; }

    public ErrorCounts Characters { get; init; }

    public int Utterances { get; init; }

    public int FailedUtterances { get; init; }

    public int TextEvents { get; init; }

    public int Revisions { get; init; }

    public double? RevisionRate { get; init; }

    public LatencySummary EndOfSpeechToFinalMs { get; init; } = LatencySummary.Empty;

    public LatencySummary FirstPartialMs { get; init; } = LatencySummary.Empty;

    public double AudioSeconds { get; init; }

    public double WallSeconds { get; init; }

    public static EvalTotals Of(IReadOnlyList<FileReport> files, double wallSeconds)
    {
        var scored = files.Where(file => file.Error is null).ToList();
        var items = scored.SelectMany(file => file.Items).ToList();
        var textEvents = scored.Sum(file => file.TextEvents);
        var revisions = scored.Sum(file => file.Revisions);
        return new EvalTotals
        {
            Files = files.Count,
            FilesWithErrors = files.Count - scored.Count,
            Words = ErrorCounts.Sum(scored.Select(file => file.Words ?? default)),
            Characters = ErrorCounts.Sum(scored.Select(file => file.Characters ?? default)),
            Utterances = scored.Sum(file => file.Utterances),
            FailedUtterances = scored.Sum(file => file.FailedUtterances),
            TextEvents = textEvents,
            Revisions = revisions,
            RevisionRate = textEvents == 0 ? null : (double)revisions / textEvents,
            EndOfSpeechToFinalMs = LatencySummary.Of(items.Where(i => i.EndOfSpeechToFinalMs is not null).Select(i => i.EndOfSpeechToFinalMs!.Value)),
            FirstPartialMs = LatencySummary.Of(items.Where(i => i.FirstPartialMs is not null).Select(i => i.FirstPartialMs!.Value)),
            AudioSeconds = Math.Round(scored.Sum(file => file.AudioSeconds), 3),
            WallSeconds = Math.Round(wallSeconds, 3),
        };
    }
}
