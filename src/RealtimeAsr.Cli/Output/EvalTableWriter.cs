using RealtimeAsr.Cli.Reports;

namespace RealtimeAsr.Cli.Output;

/// <summary>
/// The terminal report of <c>eval</c>: one row per file and an overall row (counts summed over the files, latencies
/// over all utterances), the causes of files that could not be evaluated, and one line saying what was measured.
/// </summary>
internal static class EvalTableWriter
{
    public static async Task WriteAsync(TextWriter output, EvalReport report)
    {
        var table = new TextTable("file", "words", "WER", "S/D/I", "CER", "eos→final", "first partial", "revised", "failed");
        foreach (var file in report.Files)
        {
            if (file.Error is not null)
            {
                table.Add(file.Name, ReportFormat.None, "error", ReportFormat.None, ReportFormat.None, ReportFormat.None, ReportFormat.None, ReportFormat.None, ReportFormat.None);
                continue;
            }

            var words = file.Words ?? default;
            table.Add(
                file.Name,
                ReportFormat.Count(words.ReferenceCount),
                ReportFormat.Percent(words.Rate),
                $"{words.Substitutions}/{words.Deletions}/{words.Insertions}",
                ReportFormat.Percent(file.Characters?.Rate),
                ReportFormat.Milliseconds(file.EndOfSpeechToFinalMs.Mean),
                ReportFormat.Milliseconds(file.FirstPartialMs.Mean),
                ReportFormat.Percent(file.RevisionRate),
                ReportFormat.Count(file.FailedUtterances));
        }

        var totals = report.Totals;
        table.Add(
            "overall",
            ReportFormat.Count(totals.Words.ReferenceCount),
            ReportFormat.Percent(totals.Words.Rate),
            $"{totals.Words.Substitutions}/{totals.Words.Deletions}/{totals.Words.Insertions}",
            ReportFormat.Percent(totals.Characters.Rate),
            ReportFormat.Milliseconds(totals.EndOfSpeechToFinalMs.Mean),
            ReportFormat.Milliseconds(totals.FirstPartialMs.Mean),
            ReportFormat.Percent(totals.RevisionRate),
            ReportFormat.Count(totals.FailedUtterances));
        await table.WriteAsync(output);

        foreach (var file in report.Files.Where(file => file.Error is not null))
        {
            await output.WriteLineAsync($"error: {file.Name}: {file.Error}");
        }

        await output.WriteLineAsync(
            $"{totals.Files - totals.FilesWithErrors} of {totals.Files} files scored, {totals.Utterances} utterances, "
            + $"{ReportFormat.Seconds(totals.AudioSeconds)} of audio in {ReportFormat.Seconds(totals.WallSeconds)}; "
            + $"{report.Endpoint}, {(report.Mode == "manual" ? "Manual mode" : "server VAD")}, "
            + $"{(report.Pace == "realtime" ? "real-time pace" : "as fast as possible")}, normaliser {report.Normalizer}");
    }
}
