using RealtimeAsr.Benchmarks.Server;
using RealtimeAsr.Benchmarks.Soak;
using ScottPlot;

namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>The report's plots as PNG files (<c>--plot-dir</c>), for docs/BENCHMARKS.md.</summary>
internal static class BenchmarkPlots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>Writes <c>capacity.png</c> (with real-time concurrency rows) and <c>soak-memory.png</c> (with a soak run); returns the files.</summary>
    public static IReadOnlyList<string> Write(BenchmarkReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        List<string> written = [];
        var realTime = report.Concurrency.Where(c => c.Pacing == Pacing.RealTime).OrderBy(c => c.Sessions).ToList();
        if (realTime.Count > 0)
        {
            written.Add(Capacity(realTime, report.Server.AdmittedSessions, report.Machine.Cores, Path.Combine(directory, "capacity.png")));
        }

        if (report.Soak is { } soak)
        {
            written.Add(SoakMemory(soak, Path.Combine(directory, "soak-memory.png")));
        }

        return written;
    }

    /// <summary>
    /// End of speech → final (mean and p95: what a talker waits, backlog included) and CPU busy against live sessions,
    /// with the admission limit marked.
    /// </summary>
    private static string Capacity(IReadOnlyList<ConcurrencyResult> rows, int? admitted, int cores, string path)
    {
        var plot = new Plot();
        double[] sessions = [.. rows.Select(r => (double)r.Sessions)];
        var p95 = plot.Add.Scatter(sessions, [.. rows.Select(r => r.LatencyMs.P95 / 1000)]);
        p95.LegendText = "end of speech → final, p95 (s)";
        var mean = plot.Add.Scatter(sessions, [.. rows.Select(r => r.LatencyMs.Mean / 1000)]);
        mean.LegendText = "end of speech → final, mean (s)";
        var cpu = plot.Add.Scatter(sessions, [.. rows.Select(r => r.CpuUtilisation * 100)]);
        cpu.LegendText = $"CPU busy, {cores} cores (%, right axis)";
        cpu.LinePattern = LinePattern.Dashed;
        cpu.Axes.YAxis = plot.Axes.Right;
        if (admitted is { } limit)
        {
            var line = plot.Add.VerticalLine(limit);
            line.LegendText = $"admitted by default ({limit})";
            line.LinePattern = LinePattern.Dotted;
        }

        plot.Title("Live sessions at real-time pace: final latency and CPU");
        plot.XLabel("Live sessions");
        plot.YLabel("Seconds");
        plot.Axes.Right.Label.Text = "CPU busy (%)";
        plot.Axes.Right.Range.Set(0, 100);
        plot.Axes.SetLimitsY(0, Math.Max(1, rows.Max(r => r.LatencyMs.P95) / 1000 * 1.1));
        plot.ShowLegend(Alignment.UpperCenter);
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Resident memory and managed heap over a soak run, with the warm-up shaded.</summary>
    private static string SoakMemory(SoakResult soak, string path)
    {
        var plot = new Plot();
        double[] minutes = [.. soak.Samples.Select(s => s.Seconds / 60)];
        var resident = plot.Add.Scatter(minutes, [.. soak.Samples.Select(s => s.ResidentBytes / 1048576.0)]);
        resident.LegendText = "resident memory (MiB)";
        var heap = plot.Add.Scatter(minutes, [.. soak.Samples.Select(s => s.ManagedHeapBytes / 1048576.0)]);
        heap.LegendText = "managed heap (MiB)";
        var warmUp = plot.Add.HorizontalSpan(0, soak.WarmUpSeconds / 60);
        warmUp.LegendText = "warm-up";
        plot.Title($"Soak: {soak.Sessions} churned sessions, {soak.SessionsRun} in all");
        plot.XLabel("Minutes");
        plot.YLabel("MiB");
        plot.Axes.SetLimitsY(0, soak.Samples.Max(s => s.ResidentBytes) / 1048576.0 * 1.15);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
