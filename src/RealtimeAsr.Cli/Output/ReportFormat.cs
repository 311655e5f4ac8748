using System.Globalization;

namespace RealtimeAsr.Cli.Output;

/// <summary>How the eval table writes numbers: rates as percentages, latencies in whole milliseconds, "-" for none.</summary>
internal static class ReportFormat
{
    public const string None = "-";

    public static string Percent(double? rate) =>
        rate is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0}%") : None;

    public static string Milliseconds(double? milliseconds) =>
        milliseconds is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:0} ms") : None;

    /// <summary>A change of a rate in percentage points, signed.</summary>
    public static string PointsDelta(double? delta) =>
        delta is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0.0;-0.0;0.0} pp") : None;

    /// <summary>A change of a latency, signed.</summary>
    public static string MillisecondsDelta(double? delta) =>
        delta is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:+0;-0;0} ms") : None;

    public static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");
}
