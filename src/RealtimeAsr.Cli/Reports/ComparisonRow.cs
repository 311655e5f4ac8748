namespace RealtimeAsr.Cli.Reports;

/// <summary>One file (or the totals) of both runs side by side.</summary>
internal sealed class ComparisonRow
{
    public required string Name { get; init; }

    /// <summary><c>this run</c> or <c>saved run</c> for a file evaluated in one run only; null when in both.</summary>
    public string? OnlyIn { get; init; }

    public required MetricDelta Wer { get; init; }

    public required MetricDelta Cer { get; init; }

    /// <summary>Mean end of speech → final, in milliseconds.</summary>
    public required MetricDelta EndOfSpeechToFinalMs { get; init; }

    /// <summary>Mean time to the first partial, in milliseconds.</summary>
    public required MetricDelta FirstPartialMs { get; init; }
}
