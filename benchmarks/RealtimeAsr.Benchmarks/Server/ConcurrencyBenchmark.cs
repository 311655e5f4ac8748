using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// N VAD sessions at once, each sending the clips (starting at a different clip, so utterances do not all end together).
/// At real-time pace this shows the latency and partial cadence live users get; at full speed, the most audio the box
/// decodes per second.
/// </summary>
internal static class ConcurrencyBenchmark
{
    /// <summary>Spread of session starts at real-time pace: sessions join over one second, not all in the same instant.</summary>
    private static readonly TimeSpan s_startSpread = TimeSpan.FromSeconds(1);

    public static async Task<ConcurrencyResult> RunAsync(
        InProcessServer server, BenchmarkClips clips, int sessionCount, int clipsPerSession, Pacing pacing,
        IReadOnlyList<string> singleStreamTranscripts, CancellationToken cancellationToken)
    {
        var scripts = Enumerable.Range(0, sessionCount).Select(i => clips.Script(serverVad: true, rotation: i, clipCount: clipsPerSession)).ToList();
        var audioSeconds = scripts.Sum(s => s.AudioSeconds);

        // Generous but bounded: a minute more than the audio lasts (real time), or than all of it lasts end to end (full
        // speed, where one core alone decodes it about four times faster than that).
        var limit = TimeSpan.FromSeconds((pacing == Pacing.RealTime ? scripts[0].AudioSeconds : audioSeconds) + 60 + (sessionCount * 5));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);

        // Sessions connect and configure first, so the measurement covers streaming only.
        var sessions = new List<BenchmarkSession>();
        var setups = new List<double>();
        var failures = new List<string>();
        try
        {
            foreach (var script in scripts)
            {
                var session = await BenchmarkSession.ConnectAsync(server.RealtimeUri, InProcessServer.ApiKey, deadline.Token);
                sessions.Add(session);
                setups.Add(await session.ConfigureAsync(script, deadline.Token));
            }

            SessionResult?[] results;
            double cpuSeconds, wallSeconds, otherShare;
            int maxInUse;
            double fullFraction;
            var peakReset = PeakMemory.Reset();
            var decodesBefore = server.WhisperDecodes.Total;
            await using (var sampler = new DecoderUsageSampler(server.Pool))
            {
                var meter = new CpuMeter();
                results = await Task.WhenAll(sessions.Select((session, i) => RunSessionAsync(
                    session, scripts[i], pacing, setups[i], pacing == Pacing.RealTime ? s_startSpread * i / sessionCount : TimeSpan.Zero,
                    failures, deadline.Token)));
                (wallSeconds, cpuSeconds, otherShare) = (meter.WallSeconds, meter.ProcessSeconds, meter.OtherShare());
                maxInUse = sampler.MaxInUse;
                fullFraction = sampler.FullFraction;
            }

            var done = results.OfType<SessionResult>().ToList();
            var utterances = done.SelectMany(r => r.Utterances).ToList();
            var references = done.SelectMany(r => r.Utterances.Select(u => clips.Clips[u.ClipIndex].Transcript));
            return new ConcurrencyResult(
                pacing,
                sessionCount,
                audioSeconds,
                scripts.Sum(s => s.SpeechSeconds),
                wallSeconds,
                cpuSeconds,
                otherShare,
                Distribution.Of(utterances.Where(u => u.LatencyMs is not null).Select(u => u.LatencyMs!.Value)),
                Distribution.Of(utterances.Where(u => u.FinalisationMs is not null).Select(u => u.FinalisationMs!.Value)),
                Distribution.Of(utterances.SelectMany(u => u.PartialIntervalsMs)),
                Distribution.Of(done.Select(r => r.DrainMs)),
                Distribution.Of(done.Select(r => r.MaxSendLagMs)),
                utterances.Count(u => u.Items > 0),
                scripts.Sum(s => s.Utterances.Count),
                utterances.Count(u => string.Equals(u.Transcript, singleStreamTranscripts[u.ClipIndex], StringComparison.Ordinal)),
                WordErrorRate.Compute(string.Join(' ', references), string.Join(' ', utterances.Select(u => u.Transcript))),
                done.Sum(r => r.StrayItems),
                utterances.Count(u => u.Items > 1),
                [.. done.SelectMany(r => r.Errors)],
                maxInUse,
                server.Pool.Capacity,
                fullFraction,
                failures,
                peakReset ? PeakMemory.PeakBytes() : null,
                server.Whisper is null ? null : server.WhisperDecodes.Total.Since(decodesBefore));
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private static async Task<SessionResult?> RunSessionAsync(
        BenchmarkSession session, SessionScript script, Pacing pacing, double setupMs, TimeSpan startDelay, List<string> failures,
        CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(startDelay, cancellationToken);
            return SessionAnalyzer.Analyze(await session.RunAsync(script, pacing, setupMs, cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or TimeoutException or InvalidOperationException)
        {
            lock (failures)
            {
                failures.Add($"{ex.GetType().Name}: {ex.Message}");
            }

            return null;
        }
    }
}
