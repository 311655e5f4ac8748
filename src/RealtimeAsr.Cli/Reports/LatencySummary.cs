namespace RealtimeAsr.Cli.Reports;

/// <summary>Count, mean, median and maximum of a set of latencies in milliseconds; all but the count null when empty.</summary>
internal sealed record LatencySummary(int Count, double? Mean, double? Median, double? Max)
{
    public static LatencySummary Empty { get; } = new(0, null, null, null);

    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new LatencySummary(sorted.Length, Round(sorted.Average()), Round(median), Round(sorted[^1]));
    }

    private static double Round(double milliseconds) => Math.Round(milliseconds, 1);
}
