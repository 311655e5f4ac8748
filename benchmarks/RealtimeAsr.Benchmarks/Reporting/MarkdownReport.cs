using System.Globalization;
using System.Text;
using RealtimeAsr.Benchmarks.Server;

namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>
/// Renders a <see cref="BenchmarkReport"/> as Markdown tables, ready to paste into docs/BENCHMARKS.md. Numbers are formatted
/// with the invariant culture (the project runs with invariant globalization; Program pins it too).
/// </summary>
internal static partial class MarkdownReport
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchmarkReport report)
    {
        var md = new StringBuilder();
        var m = report.Machine;
        var s = report.Server;
        Line(md, $"Machine: {m.Cores} cores, {m.CpuModel}, {m.MemoryGiB:0.#} GiB, {m.OperatingSystem}, {m.Runtime}, {(m.ServerGc ? "server" : "workstation")} GC.");
        Line(md, $"Server: engine {s.Engine}; {s.Pool} at most {s.MaxDecoders}, recognition workers {s.RecognitionWorkers}, "
            + $"partial asked every {s.PartialIntervalMs} ms of audio, VAD silence {s.SilenceMs} ms; "
            + $"admitted by default: {(s.AdmittedSessions is { } admitted ? $"{admitted} live sessions" : "no limit")} (lifted while measuring). Single-stream rows: median of {report.Settings.Repeat} run(s). "
            + $"Whole run: {report.TotalSeconds:0} s; load average {Load(report.LoadBefore)} before, {Load(report.LoadAfter)} after; "
            + $"peak resident memory {PeakMemory.Mib(report.PeakWorkingSetBytes)} MiB.");
        Line(md, "");

        if (report.Whisper is { } whisper)
        {
            RenderWhisperAlone(md, whisper);
        }

        RenderStreams(md, report);

        var realTime = report.Concurrency.Where(c => c.Pacing == Pacing.RealTime).ToList();
        if (realTime.Count > 0)
        {
            RenderRealTime(md, realTime, report.Machine.Cores, Wer(report));
        }

        var fullSpeed = report.Concurrency.Where(c => c.Pacing == Pacing.FullSpeed).ToList();
        if (fullSpeed.Count > 0)
        {
            RenderFullSpeed(md, fullSpeed, Wer(report));
        }

        if (report.Micro.Count > 0)
        {
            RenderMicro(md, report);
        }

        if (report.Soak is { } soak)
        {
            RenderSoak(md, soak);
        }

        Line(md, report.ServerWarnings == 0
            ? "Server log: no warnings or errors."
            : $"Server log: {report.ServerWarnings} warning(s)/error(s): {string.Join("; ", report.ServerMessages)}");
        return md.ToString();
    }

    private static void RenderStreams(StringBuilder md, BenchmarkReport report)
    {
        var engine = report.Engine;
        var wer = Wer(report);
        Line(md, "#### One stream, as fast as possible");
        Line(md, "");
        Line(md, "| Run | Audio (s) | Wall (s) | Wall / audio s | CPU / audio s | Wall × engine | CPU × engine | Latency to final, mean / p95 (ms) | Items | WER | Other load |");
        Line(md, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Line(md, $"| Engine alone{(report.Whisper is null ? "" : " (Whisper through its session)")}, {engine.Name} | {engine.AudioSeconds:0.0} | {engine.WallSeconds:0.00} | {engine.RealTimeFactor:0.000} | {engine.CpuPerAudioSecond:0.000} "
            + $"| 1.00 | 1.00 | {MeanP95(engine.UtteranceMs)} | {engine.Transcripts.Count}/{engine.Transcripts.Count} | {wer(engine.WordErrorRate)} | {engine.OtherShare:P0} |");

        foreach (var run in report.Streams)
        {
            var mode = run.Mode == "vad" ? "Server, VAD: 1 s gaps, burst per utterance" : "Server, Manual: 0.5 s + clip + 0.5 s, commit";
            Line(md, $"| {mode} | {run.AudioSeconds:0.0} | {run.WallSeconds:0.00} | {run.WallPerAudioSecond:0.000} | {run.CpuPerAudioSecond:0.000} "
                + $"| {Ratio(run.WallVsEngine)} | {Ratio(run.CpuVsEngine)} | {MeanP95(run.LatencyMs)} | {run.Items}/{run.ExpectedItems}{Stray(run.StrayItems, run.SplitClips)} | {wer(run.WordErrorRate)} | {run.OtherShare:P0} |");
        }

        Line(md, "");
        Line(md, "Wall / CPU × engine: the same clips (speech only) decoded by the engine alone = 1.00; median (min–max) of the per-round ratios, "
            + "each round running the engine and then the server back to back, so it need not equal the quotient of the median runs shown. Latency to final: server, last chunk of the clip (VAD) or commit (Manual) "
            + "sent → `completed`, each utterance sent in one burst; engine, first chunk → final transcript of each clip. The engine's final "
            + $"pass alone ({(report.Whisper is null ? "ps_end_utt" : "CompleteAsync: the partial decode in flight, then the final decode")}) takes "
            + $"{MeanP95(engine.FinalPassMs)} ms (mean / p95). Other load: share of the machine other programs "
            + "used meanwhile; wall times measured under load are inflated."
            + (report.Whisper is null ? "" : " " + WhisperWerNote));
        Line(md, "");
        if (report.Whisper is not null)
        {
            RenderWhisperStreamDecodes(md, report.Streams);
        }
    }

    private static void RenderRealTime(StringBuilder md, List<ConcurrencyResult> runs, int cores, Func<double, string> wer)
    {
        Line(md, "#### Concurrent sessions at real-time pace (VAD, 100 ms chunks every 100 ms)");
        Line(md, "");
        Line(md, "| Sessions | End of speech → final, mean / p95 (ms) | speech_stopped → final, mean / p95 (ms) | Partial interval, mean / p95 (ms) "
            + $"| finish → finished, max (ms) | Send lag, max (ms) | CPU / audio s | CPU busy ({cores} cores) | Decoders in use, max (pool full) | Results | Same as 1 stream | WER | Peak memory (MiB) | Other load |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs)
        {
            Line(md, $"| {run.Sessions} | {MeanP95(run.LatencyMs)} | {MeanP95(run.FinalisationMs)} | {MeanP95(run.PartialIntervalMs)} | {run.DrainMs.Max:0} | {run.SendLagMs.Max:0} "
                + $"| {run.CpuPerAudioSecond:0.000} | {run.CpuUtilisation:P0} | {run.MaxDecodersInUse}/{run.PoolSize} ({run.PoolFullFraction:P0}) "
                + $"| {run.Utterances}/{run.ExpectedUtterances}{Stray(run.StrayItems, run.SplitClips)}{Failed(run)} | {run.SameAsSingleStream}/{run.ExpectedUtterances} | {wer(run.WordErrorRate)} | {Peak(run)} | {run.OtherShare:P0} |");
        }

        Line(md, "");
        Line(md, "Times count from when the audio was due (spoken), not when the socket took it. End of speech → final includes the VAD's "
            + "silence wait (the utterance ends only after that much silence has arrived). Send lag: the most a chunk went out after it was due: "
            + "the server not reading (back-pressure), or this process (which also runs the clients) too busy to send. Decoders in use: "
            + "PocketSphinx decoders lent, or Whisper decodes running, sampled every 10 ms. Peak memory: the process's peak resident memory "
            + "during the run (server, engine and clients).");
        Line(md, "");
        if (runs.Any(r => r.WhisperDecodes is not null))
        {
            RenderWhisperDecodes(md, runs);
        }
    }

    private static void RenderFullSpeed(StringBuilder md, List<ConcurrencyResult> runs, Func<double, string> wer)
    {
        Line(md, "#### Concurrent sessions at full speed (VAD): throughput");
        Line(md, "");
        Line(md, "| Sessions | Audio (s) | Wall (s) | Audio s per wall s | CPU / audio s | CPU busy | Decoders in use, max (pool full) | Results | WER | Peak memory (MiB) | Other load |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs)
        {
            Line(md, $"| {run.Sessions} | {run.AudioSeconds:0.0} | {run.WallSeconds:0.00} | {run.Throughput:0.00} | {run.CpuPerAudioSecond:0.000} "
                + $"| {run.CpuUtilisation:P0} | {run.MaxDecodersInUse}/{run.PoolSize} ({run.PoolFullFraction:P0}) "
                + $"| {run.Utterances}/{run.ExpectedUtterances}{Stray(run.StrayItems, run.SplitClips)}{Failed(run)} | {wer(run.WordErrorRate)} | {Peak(run)} | {run.OtherShare:P0} |");
        }

        Line(md, "");
        if (runs.Any(r => r.WhisperDecodes is not null))
        {
            RenderWhisperDecodes(md, runs);
        }
    }

    private static void RenderMicro(StringBuilder md, BenchmarkReport report)
    {
        Line(md, "#### What the server adds per second of audio (micro-costs, one thread)");
        Line(md, "");
        Line(md, "| Work | One operation | µs per operation | Operations per audio s | ms CPU per audio s | Share of engine cost |");
        Line(md, "|---|---|--:|--:|--:|--:|");
        foreach (var cost in report.Micro)
        {
            Line(md, $"| {cost.Name} | {cost.Operation} | {Micros(cost.MicrosecondsPerOperation)} | {cost.OperationsPerAudioSecond:0.#} "
                + $"| {cost.MillisecondsPerAudioSecond:0.000} | {cost.FractionOfEngine:P2} |");
        }

        var (engine, cpu) = report.Whisper is { } whisper
            ? ("Whisper, one live stream (engine alone, for scale)", whisper.Streaming.CpuPerSpeechSecond)
            : ("PocketSphinx decoding (engine alone, for scale)", report.Engine.CpuPerAudioSecond);
        Line(md, $"| {engine} | 1 s of audio | {cpu * 1e6:0} | 1 | {cpu * 1000:0.0} | 100% |");

        Line(md, "");
    }

    /// <summary>"median (min–max)" of per-round ratios; just the value for a single round.</summary>
    private static string Ratio(IReadOnlyList<double> ratios)
    {
        var d = Distribution.Of(ratios);
        return d.Count <= 1
            ? d.Median.ToString("0.00", s_invariant)
            : string.Create(s_invariant, $"{d.Median:0.00} ({ratios.Min():0.00}–{d.Max:0.00})");
    }

    private static string Peak(ConcurrencyResult run) => run.PeakWorkingSetBytes is { } bytes ? PeakMemory.Mib(bytes) : "?";

    private static string Micros(double microseconds) => microseconds.ToString(microseconds < 10 ? "0.00" : "0.0", s_invariant);

    private static string Load(double? load) => load is { } value ? value.ToString("0.0", s_invariant) : "?";

    private static string MeanP95(Distribution d) => d.Count == 0 ? "–" : string.Create(s_invariant, $"{d.Mean:0} / {d.P95:0}");

    /// <summary>Items that matched no clip, and clips cut into several items: both should be 0.</summary>
    private static string Stray(int stray, int split) =>
        (stray == 0 ? "" : string.Create(s_invariant, $" (+{stray} stray)")) + (split == 0 ? "" : string.Create(s_invariant, $" ({split} split)"));

    private static string Failed(ConcurrencyResult run) =>
        run.Failures.Count == 0 && run.Errors.Count == 0 ? "" : string.Create(s_invariant, $" ({run.Failures.Count} failed, {run.Errors.Count} errors)");

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
