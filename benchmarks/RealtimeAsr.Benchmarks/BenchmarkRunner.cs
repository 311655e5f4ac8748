using System.Diagnostics;
using System.Globalization;
using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Benchmarks.Engine;
using RealtimeAsr.Benchmarks.Micro;
using RealtimeAsr.Benchmarks.Reporting;
using RealtimeAsr.Benchmarks.Server;
using RealtimeAsr.Benchmarks.Soak;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Benchmarks;

/// <summary>
/// Runs the sections so that they do not disturb each other: micro-costs first (and, with Whisper, the Whisper engine
/// alone), then rounds of engine alone → one VAD session → one Manual session (interleaved, so that each round's ratios
/// compare runs made under the same machine load), then concurrency. Only one thing is measured at a time; the server
/// is idle while the engine runs alone.
/// </summary>
internal static class BenchmarkRunner
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.Now;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        void Progress(string message) => progress.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0}s] {message}");

        // The engine-alone baseline asks for partials as often as a session does, so the two do the same decoding work.
        var partialIntervalMs = new RealtimeSessionOptions().PartialIntervalMs;
        var partialIntervalSamples = partialIntervalMs * BenchmarkClips.SampleRate / 1000;
        var clips = new BenchmarkClips(settings.SilenceMs);
        var references = clips.Clips.Select(c => c.Transcript).ToList();
        var speech = clips.Clips.Select(c => c.Samples).ToList();

        WhisperEngineResult? whisperAlone = null;
        if (settings.Whisper is { } whisperSettings)
        {
            whisperAlone = await WhisperEngineBenchmark.RunAsync(whisperSettings, speech, settings.Repeat, Progress, cancellationToken);
        }

        // The baseline of the single-stream rows: the server's engine alone, on its own instance.
        await using var baseline = await EngineBaseline.CreateAsync(settings.Whisper, cancellationToken);
        Task<EngineRunResult> DecodeAlone(IReadOnlyList<short[]> utterances) =>
            baseline.RunAsync($"{utterances.Count} clips", utterances, references, BenchmarkClips.ChunkSamples, partialIntervalSamples, cancellationToken);
        await DecodeAlone(speech.Take(1).ToList());

        IReadOnlyList<MicroCostResult> micro = [];
        if (settings.Micro)
        {
            Progress("micro-costs");
            micro = MicroBenchmarks.Run(clips, partialIntervalMs);
        }

        Progress("starting the server");
        await using var server = await InProcessServer.StartAsync(settings.MaxDecoders, settings.Workers, settings.Whisper, cancellationToken);
        var setup = new ServerSetup(
            EngineDescription(server, settings.Whisper), server.Pool.Description, server.Pool.Capacity, server.Workers.Capacity, partialIntervalMs, settings.SilenceMs,
            server.AdmittedByDefault);

        // One short session first: JIT and connection set-up costs stay out of the measured runs.
        await ServerBenchmark.RunOnceAsync(server, clips.Script(serverVad: true, rotation: 1, clipCount: 1), Pacing.FullSpeed, cancellationToken);

        var engineRuns = new List<EngineRunResult>();
        var vadRuns = new List<MeasuredSession>();
        var manualRuns = new List<MeasuredSession>();
        for (var round = 1; round <= settings.Repeat; round++)
        {
            Progress($"round {round}/{settings.Repeat}: engine alone ({clips.SpeechSeconds:0.0} s of speech), one VAD session, one Manual session");
            engineRuns.Add(await DecodeAlone(speech));
            vadRuns.Add(await ServerBenchmark.RunOnceAsync(server, clips.Script(serverVad: true), Pacing.Burst, cancellationToken));
            manualRuns.Add(await ServerBenchmark.RunOnceAsync(server, clips.Script(serverVad: false), Pacing.Burst, cancellationToken));
        }

        var engineMedian = engineRuns.OrderBy(r => r.WallSeconds).ElementAt(engineRuns.Count / 2) with
        {
            RunWallSeconds = [.. engineRuns.Select(r => r.WallSeconds)],
        };
        var vad = ServerBenchmark.Summarise(clips, clips.Script(serverVad: true), vadRuns, engineRuns);
        var manual = ServerBenchmark.Summarise(clips, clips.Script(serverVad: false), manualRuns, engineRuns);

        // The server's own costs against what the engine costs a live stream per second of speech.
        var engineCpuPerSecond = whisperAlone?.Streaming.CpuPerSpeechSecond ?? engineMedian.CpuPerAudioSecond;
        micro = [.. micro.Select(m => m with { FractionOfEngine = m.MillisecondsPerAudioSecond / 1000 / engineCpuPerSecond })];

        var concurrency = new List<ConcurrencyResult>();
        foreach (var (pacing, counts) in new[] { (Pacing.RealTime, settings.RealTimeSessions), (Pacing.FullSpeed, settings.FullSpeedSessions) })
        {
            foreach (var sessions in counts)
            {
                Progress($"{sessions} session(s) at {(pacing == Pacing.RealTime ? "real-time pace" : "full speed")}, {settings.SessionClips} clip(s) each");
                concurrency.Add(await ConcurrencyBenchmark.RunAsync(
                    server, clips, sessions, settings.SessionClips, pacing, vad.Transcripts, cancellationToken));
            }
        }

        SoakResult? soak = null;
        if (settings.SoakMinutes is { } minutes)
        {
            var loops = settings.SoakSessions ?? server.AdmittedByDefault ?? 4;
            Progress($"soak: {loops} churned sessions for {minutes:0.##} min");
            soak = await SoakBenchmark.RunAsync(server, clips, loops, TimeSpan.FromMinutes(minutes), Progress, cancellationToken);
        }

        Progress("done");
        return new BenchmarkReport(
            started, clock.Elapsed.TotalSeconds, MachineInfo.Current(), loadBefore, MachineInfo.LoadAverage(), settings, setup,
            engineMedian, [vad, manual], concurrency, micro, server.Log.Count, server.Log.Messages, whisperAlone, PeakMemory.ProcessPeakBytes(), soak);
    }

    private static string EngineDescription(InProcessServer server, WhisperSettings? settings)
    {
        if (server.Whisper is not { } whisper || settings?.Options() is not { } options)
        {
            return "PocketSphinx";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Whisper {whisper.ModelInfo.Size} ({Path.GetFileName(settings.ModelPath)}), {whisper.Threads} threads per decode, "
            + $"{whisper.MaxConcurrentDecodes} decode(s) at once, temperature fallback {options.TemperatureFallback:0.0#}, "
            + $"partial decodes every {options.Streaming.PartialInterval.TotalSeconds:0.##} s ({options.PartialAudioContext} context), "
            + $"finals {options.FinalAudioContext} context");
    }
}
