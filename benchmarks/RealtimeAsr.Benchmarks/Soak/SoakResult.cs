namespace RealtimeAsr.Benchmarks.Soak;

/// <summary>A soak run: churned sessions for a while, what they got, and the process's memory over time.</summary>
/// <param name="Sessions">Concurrent session loops (each connects, speaks, finishes, and connects again).</param>
/// <param name="Seconds">How long new sessions were started.</param>
/// <param name="SessionsRun">Sessions that ran to <c>session.finished</c>.</param>
/// <param name="SessionsFailed">Sessions that failed (connection refused or lost, timeout), with the reason.</param>
/// <param name="Utterances">Clips sent.</param>
/// <param name="Items">Items the server committed.</param>
/// <param name="Completed">Items that ended in <c>.completed</c>.</param>
/// <param name="Failed">Items that ended in <c>.failed</c>.</param>
/// <param name="LostFinals">Committed items with neither <c>.completed</c> nor <c>.failed</c>.</param>
/// <param name="DuplicateFinals">Items with more than one result.</param>
/// <param name="Errors">The <c>error</c> events received (none expected).</param>
/// <param name="Samples">Memory over time.</param>
/// <param name="WarmUpSeconds">Samples before this are the warm-up.</param>
internal sealed record SoakResult(
    int Sessions, double Seconds, int SessionsRun, IReadOnlyList<string> SessionsFailed, int Utterances, int Items, int Completed, int Failed,
    int LostFinals, int DuplicateFinals, IReadOnlyList<string> Errors, IReadOnlyList<MemorySample> Samples, double WarmUpSeconds)
{
    private IEnumerable<MemorySample> AfterWarmUp => Samples.Where(s => s.Seconds >= WarmUpSeconds);

    /// <summary>(max − min) / min of the resident memory after warm-up.</summary>
    public double ResidentSpread => Spread(AfterWarmUp.Select(s => (double)s.ResidentBytes).ToList());

    /// <summary>Resident memory at the end over the first sample after warm-up, minus one: growth over the run.</summary>
    public double ResidentGrowth => AfterWarmUp.ToList() is { Count: > 1 } after
        ? ((double)after[^1].ResidentBytes / after[0].ResidentBytes) - 1
        : 0;

    private static double Spread(List<double> values) => values.Count == 0 ? 0 : (values.Max() - values.Min()) / values.Min();
}

/// <summary>The process's memory at one moment of a soak run.</summary>
/// <param name="Seconds">Since the run started.</param>
/// <param name="ResidentBytes">Resident memory (server, engine, VAD and the clients).</param>
/// <param name="ManagedHeapBytes">The GC heap after the last collection.</param>
/// <param name="LiveSessions">Sessions open at that moment.</param>
/// <param name="SessionsRun">Sessions finished so far.</param>
internal sealed record MemorySample(double Seconds, long ResidentBytes, long ManagedHeapBytes, int LiveSessions, int SessionsRun);
