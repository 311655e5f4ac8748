namespace RealtimeAsr.Benchmarks;

/// <summary>Summary of a set of measurements. All zero when there were none (<see cref="Count"/> 0).</summary>
internal sealed record Distribution(int Count, double Mean, double Median, double P95, double Max)
{
    public static readonly Distribution Empty = new(0, 0, 0, 0, 0);

    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new Distribution(sorted.Length, sorted.Average(), Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values: with few values, p95 is simply the worst but one or the worst.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
