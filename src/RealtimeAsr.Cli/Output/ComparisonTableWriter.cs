using RealtimeAsr.Cli.Reports;

namespace RealtimeAsr.Cli.Output;

/// <summary><c>--compare</c>: this run's WER, CER and mean latencies per file and overall, each with its change from the saved run.</summary>
internal static class ComparisonTableWriter
{
    public static async Task WriteAsync(TextWriter output, EvalComparison comparison)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"compared with {comparison.Baseline} (this run, then the change):");
        var table = new TextTable("file", "WER", "ΔWER", "CER", "ΔCER", "eos→final", "Δeos→final", "first partial", "Δfirst partial");
        foreach (var row in comparison.Files.Append(comparison.Totals))
        {
            table.Add(
                row.OnlyIn is null ? row.Name : $"{row.Name} (only in the {row.OnlyIn})",
                ReportFormat.Percent(row.Wer.Current),
                ReportFormat.PointsDelta(row.Wer.Delta),
                ReportFormat.Percent(row.Cer.Current),
                ReportFormat.PointsDelta(row.Cer.Delta),
                ReportFormat.Milliseconds(row.EndOfSpeechToFinalMs.Current),
                ReportFormat.MillisecondsDelta(row.EndOfSpeechToFinalMs.Delta),
                ReportFormat.Milliseconds(row.FirstPartialMs.Current),
                ReportFormat.MillisecondsDelta(row.FirstPartialMs.Delta));
        }

        await table.WriteAsync(output);
    }
}
