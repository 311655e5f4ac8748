using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Benchmarks.Engine;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// One session at a time through the real server, each utterance sent as fast as the socket takes it (burst pacing):
/// what the server costs on top of the engine for the same clips, and how long a client waits for each final result.
/// </summary>
internal static class ServerBenchmark
{
    /// <summary>Runs <paramref name="script"/> once on a new session; returns its analysis and the process CPU time it took.</summary>
    public static async Task<MeasuredSession> RunOnceAsync(
        InProcessServer server, SessionScript script, Pacing pacing, CancellationToken cancellationToken)
    {
        // Bounded: a server that stops answering fails the benchmark instead of hanging it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(script.AudioSeconds + 60));
        await using var session = await BenchmarkSession.ConnectAsync(server.RealtimeUri, InProcessServer.ApiKey, deadline.Token);
        var setupMs = await session.ConfigureAsync(script, deadline.Token);
        var decodes = server.WhisperDecodes.Total;
        var meter = new CpuMeter();
        var recording = await session.RunAsync(script, pacing, setupMs, deadline.Token);
        return new MeasuredSession(SessionAnalyzer.Analyze(recording), meter.ProcessSeconds, meter.OtherShare(),
            server.Whisper is null ? null : server.WhisperDecodes.Total.Since(decodes));
    }

    /// <summary>
    /// Summarises repeated runs of one script. Run <c>i</c> was measured right after <c>engineRuns[i]</c>, so the ratios
    /// to the engine are taken pairwise (a change in the machine's load between runs cancels out) and their median reported.
    /// </summary>
    public static ServerRunResult Summarise(
        BenchmarkClips clips, SessionScript script, IReadOnlyList<MeasuredSession> runs, IReadOnlyList<EngineRunResult> engineRuns)
    {
        var wallRatios = runs.Select((run, i) => run.Result.WallSeconds / engineRuns[i].WallSeconds).ToList();
        var cpuRatios = runs.Select((run, i) => run.CpuSeconds / engineRuns[i].CpuSeconds).ToList();
        var (median, cpuSeconds, otherShare, whisperDecodes) = runs.OrderBy(r => r.Result.WallSeconds).ElementAt(runs.Count / 2);
        var transcripts = median.Utterances.OrderBy(u => u.ClipIndex).Select(u => u.Transcript).ToList();
        return new ServerRunResult(
            script.Name,
            script.AudioSeconds,
            script.SpeechSeconds,
            median.WallSeconds,
            cpuSeconds,
            otherShare,
            wallRatios,
            cpuRatios,
            Distribution.Of(median.Utterances.Where(u => u.LatencyMs is not null).Select(u => u.LatencyMs!.Value)),
            Distribution.Of(median.Utterances.Where(u => u.FinalisationMs is not null).Select(u => u.FinalisationMs!.Value)),
            WordErrorRate.Compute(string.Join(' ', clips.Clips.Select(c => c.Transcript)), string.Join(' ', transcripts)),
            median.Utterances.Count(u => u.Items > 0),
            script.Utterances.Count,
            median.StrayItems,
            median.Utterances.Count(u => u.Items > 1),
            median.Errors,
            median.SetupMs,
            transcripts,
            [.. runs.Select(r => r.Result.WallSeconds)],
            whisperDecodes);
    }
}
