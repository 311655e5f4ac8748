namespace RealtimeAsr.Cli.Reports;

/// <summary>A metric in the saved run and in this one; <see cref="Delta"/> is this run minus the saved one.</summary>
internal sealed record MetricDelta(double? Baseline, double? Current)
{
    public double? Delta => Baseline is { } before && Current is { } now ? now - before : null;
}
