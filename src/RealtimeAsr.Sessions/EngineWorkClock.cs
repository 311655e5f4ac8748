using System.Diagnostics;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

/// <summary>
/// The recognition workers as one session's engine sees them, adding up the wall time its work spends inside worker
/// slots (waits for a slot excluded): what the engine computed for the session, for the real-time factor. Two
/// timestamps per piece of work, nothing per sample.
/// </summary>
internal sealed class EngineWorkClock(IRecognitionWorkers workers) : IRecognitionWorkers
{
    private long _ticks;

    /// <summary>Engine time so far, in <see cref="Stopwatch"/> ticks; the difference of two readings is an utterance's.</summary>
    public long ElapsedTicks => Interlocked.Read(ref _ticks);

    /// <inheritdoc />
    public ValueTask<T> RunAsync<TState, T>(TState state, Func<TState, T> work, CancellationToken cancellationToken) =>
        workers.RunAsync((Clock: this, State: state, Work: work), static timed =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return timed.Work(timed.State);
            }
            finally
            {
                // Engines may run work from more than one task (a window engine's background decode).
                Interlocked.Add(ref timed.Clock._ticks, Stopwatch.GetTimestamp() - started);
            }
        }, cancellationToken);
}
