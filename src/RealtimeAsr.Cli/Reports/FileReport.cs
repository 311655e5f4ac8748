using RealtimeAsr.Cli.Evaluation;

namespace RealtimeAsr.Cli.Reports;

/// <summary>The result for one file of the manifest. A file whose session failed has <see cref="Error"/> and no scores.</summary>
internal sealed class FileReport
{
    /// <summary>The audio path as the manifest writes it; the key <c>--compare</c> matches files by.</summary>
    public required string Name { get; init; }

    public string? Language { get; init; }

    public required string Reference { get; init; }

    /// <summary>The <c>.completed</c> transcripts joined with spaces, in item order.</summary>
    public string Hypothesis { get; init; } = "";

    /// <summary>The reference as scored (after normalisation).</summary>
    public string? ScoredReference { get; init; }

    /// <summary>The hypothesis as scored.</summary>
    public string? ScoredHypothesis { get; init; }

    /// <summary>Why the file could not be evaluated (an <c>error</c> event, a lost connection, unreadable audio).</summary>
    public string? Error { get; init; }

    public ErrorCounts? Words { get; init; }

    public ErrorCounts? Characters { get; init; }

    public int Utterances { get; init; }

    public int FailedUtterances { get; init; }

    public int TextEvents { get; init; }

    public int Revisions { get; init; }

    /// <summary>Revisions per <c>.text</c> event; null without any.</summary>
    public double? RevisionRate { get; init; }

    public LatencySummary EndOfSpeechToFinalMs { get; init; } = LatencySummary.Empty;

    public LatencySummary FirstPartialMs { get; init; } = LatencySummary.Empty;

    /// <summary>Seconds of audio sent.</summary>
    public double AudioSeconds { get; init; }

    /// <summary>Seconds from connecting to <c>session.finished</c>.</summary>
    public double WallSeconds { get; init; }

    public IReadOnlyList<UtteranceReport> Items { get; init; } = [];
}
