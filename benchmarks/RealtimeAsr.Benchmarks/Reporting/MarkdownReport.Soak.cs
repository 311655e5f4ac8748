using System.Text;
using RealtimeAsr.Benchmarks.Soak;

namespace RealtimeAsr.Benchmarks.Reporting;

internal static partial class MarkdownReport
{
    /// <summary>Sample rows shown: enough to see a trend, few enough to read.</summary>
    private const int SoakRows = 12;

    private static void RenderSoak(StringBuilder md, SoakResult soak)
    {
        Line(md, $"#### Soak: {soak.Sessions} churned sessions for {soak.Seconds / 60:0.#} min (two clips each at real-time pace, VAD and Manual alternating)");
        Line(md, "");
        Line(md, "| Sessions run (failed) | Clips sent | Items | Completed | Failed | Lost finals | Duplicate finals | Errors | Resident after warm-up: spread, growth |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Line(md, $"| {soak.SessionsRun} ({soak.SessionsFailed.Count}) | {soak.Utterances} | {soak.Items} | {soak.Completed} | {soak.Failed} | {soak.LostFinals} "
            + $"| {soak.DuplicateFinals} | {soak.Errors.Count} | {soak.ResidentSpread:P1}, {soak.ResidentGrowth:+0.0%;-0.0%} |");
        Line(md, "");
        Line(md, "| Minute | Resident (MiB) | Managed heap (MiB) | Live sessions | Sessions run |");
        Line(md, "|--:|--:|--:|--:|--:|");
        var step = Math.Max(1, soak.Samples.Count / SoakRows);
        foreach (var sample in soak.Samples.Where((_, i) => i % step == 0 || i == soak.Samples.Count - 1))
        {
            Line(md, $"| {sample.Seconds / 60:0.0}{(sample.Seconds < soak.WarmUpSeconds ? " (warm-up)" : "")} | {PeakMemory.Mib(sample.ResidentBytes)} "
                + $"| {PeakMemory.Mib(sample.ManagedHeapBytes)} | {sample.LiveSessions} | {sample.SessionsRun} |");
        }

        Line(md, "");
        foreach (var failure in soak.SessionsFailed.Concat(soak.Errors).Distinct().Take(5))
        {
            Line(md, $"- {failure}");
        }
    }
}
