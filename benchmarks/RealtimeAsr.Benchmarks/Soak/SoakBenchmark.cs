using System.Diagnostics;
using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Benchmarks.Server;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Benchmarks.Soak;

/// <summary>
/// Churned sessions for a while: each of N loops connects, speaks two clips at real-time pace (VAD and Manual sessions
/// alternate), finishes and connects again, while the process's memory is sampled. Every committed item must get exactly
/// one <c>.completed</c> or <c>.failed</c>, and memory must stay flat once warm.
/// </summary>
internal static class SoakBenchmark
{
    private const int ClipsPerSession = 2;

    public static async Task<SoakResult> RunAsync(
        InProcessServer server, BenchmarkClips clips, int sessions, TimeSpan duration, Action<string> progress, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        // Sessions started before the end run to their finish; give them a bound too.
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(duration + TimeSpan.FromMinutes(2));
        var interval = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 40, 1, 15));
        var samples = new List<MemorySample>();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(samples, tally, clock, interval, progress, sampling.Token);

        await Task.WhenAll(Enumerable.Range(0, sessions).Select(loop => LoopAsync(server, clips, loop, tally, clock, duration, hardStop.Token)));
        await sampling.CancelAsync();
        await sampler;
        samples.Add(Sample(clock, tally));

        return new SoakResult(
            sessions, duration.TotalSeconds, tally.SessionsRun, tally.SessionFailures, tally.Utterances, tally.Items, tally.Completed, tally.Failed,
            tally.Lost, tally.Duplicates, tally.Errors, samples, WarmUpSeconds: Math.Max(30, duration.TotalSeconds / 4));
    }

    private static async Task LoopAsync(
        InProcessServer server, BenchmarkClips clips, int loop, Tally tally, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Loops start a little apart, so utterances do not all end at the same moment.
        await Task.Delay(TimeSpan.FromMilliseconds(250 * loop), cancellationToken);
        for (var round = 0; clock.Elapsed < duration; round++)
        {
            var script = clips.Script(serverVad: (loop + round) % 2 == 0, rotation: loop + round, clipCount: ClipsPerSession);
            tally.SessionStarted();
            try
            {
                await using var session = await BenchmarkSession.ConnectAsync(server.RealtimeUri, InProcessServer.ApiKey, cancellationToken);
                var setupMs = await session.ConfigureAsync(script, cancellationToken);
                tally.Add(script, await session.RunAsync(script, Pacing.RealTime, setupMs, cancellationToken));
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or TimeoutException or InvalidOperationException)
            {
                tally.Fail(script, $"{ex.GetType().Name}: {ex.Message}");
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
            finally
            {
                tally.SessionEnded();
            }
        }
    }

    private static async Task SampleAsync(
        List<MemorySample> samples, Tally tally, Stopwatch clock, TimeSpan interval, Action<string> progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        var reported = TimeSpan.Zero;
        try
        {
            samples.Add(Sample(clock, tally));
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var sample = Sample(clock, tally);
                samples.Add(sample);
                if (clock.Elapsed - reported >= TimeSpan.FromMinutes(1))
                {
                    reported = clock.Elapsed;
                    progress($"soak: {sample.SessionsRun} sessions, {sample.ResidentBytes / 1048576} MiB resident");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static MemorySample Sample(Stopwatch clock, Tally tally) => new(
        clock.Elapsed.TotalSeconds, PeakMemory.CurrentBytes(), GC.GetGCMemoryInfo().HeapSizeBytes, tally.Live, tally.SessionsRun);

    /// <summary>What the sessions got, added up as they finish.</summary>
    private sealed class Tally
    {
        private readonly Lock _lock = new();
        private int _live;

        public int Live => Volatile.Read(ref _live);

        public int SessionsRun { get; private set; }

        public List<string> SessionFailures { get; } = [];

        public int Utterances { get; private set; }

        public int Items { get; private set; }

        public int Completed { get; private set; }

        public int Failed { get; private set; }

        public int Lost { get; private set; }

        public int Duplicates { get; private set; }

        public List<string> Errors { get; } = [];

        public void SessionStarted() => Interlocked.Increment(ref _live);

        public void SessionEnded() => Interlocked.Decrement(ref _live);

        public void Add(SessionScript script, SessionRecording recording)
        {
            var results = new Dictionary<string, int>(StringComparer.Ordinal);
            var committed = new List<string>();
            int completed = 0, failed = 0;
            List<string> errors = [];
            foreach (var (_, serverEvent) in recording.Events)
            {
                switch (serverEvent)
                {
                    case InputAudioBufferCommittedEvent commit:
                        committed.Add(commit.ItemId);
                        break;
                    case TranscriptionCompletedEvent done:
                        completed++;
                        results[done.ItemId] = results.GetValueOrDefault(done.ItemId) + 1;
                        break;
                    case TranscriptionFailedEvent fail:
                        failed++;
                        results[fail.ItemId] = results.GetValueOrDefault(fail.ItemId) + 1;
                        break;
                    case ErrorEvent error:
                        errors.Add($"{error.Error.Code}: {error.Error.Message}");
                        break;
                }
            }

            lock (_lock)
            {
                SessionsRun++;
                Utterances += script.Utterances.Count;
                Items += committed.Count;
                Completed += completed;
                Failed += failed;
                Lost += committed.Count(id => !results.ContainsKey(id));
                Duplicates += results.Values.Count(n => n > 1);
                Errors.AddRange(errors);
            }
        }

        public void Fail(SessionScript script, string reason)
        {
            lock (_lock)
            {
                Utterances += script.Utterances.Count;
                SessionFailures.Add(reason);
            }
        }
    }
}
