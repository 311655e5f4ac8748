using System.Diagnostics;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

/// <summary>
/// The recognition capacity a server's sessions share. First, admission control for CPU-bound recognition work (VAD,
/// decoding): sessions run their own ordered loops, but only <see cref="Capacity"/> of them compute at once, so a burst
/// of sessions queues instead of oversubscribing the cores and starving the socket threads. A session never waits for
/// anything else (a decoder, the network) while it holds a slot, which is what keeps slots and pooled decoders from
/// deadlocking each other, and it keeps each piece of work short (a second or so of audio) so that sessions interleave.
/// Second, the sessions themselves (<see cref="TrackSession"/>): at shutdown the host waits for every session to end
/// (<see cref="DrainSessionsAsync"/>) before it disposes what they use, so no session is ever left inside a native call
/// on an engine or VAD model that is being freed. Third, a count of the engine decoders sessions have given back
/// (<see cref="DecodersReturned"/>), by which a session waiting for one tells a busy pool from a stuck one.
/// </summary>
public sealed class RecognitionWorkers : IRecognitionWorkers, IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly SessionMetrics? _metrics;
    private readonly Lock _sessionsLock = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sessions;
    private bool _draining;
    private long _decodersReturned;

    /// <summary>
    /// Creates a pool with <paramref name="capacity"/> concurrent slots; how long work waits for one goes to
    /// <paramref name="metrics"/>, when given.
    /// </summary>
    public RecognitionWorkers(int capacity, SessionMetrics? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _metrics = metrics;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>How many sessions may compute at once.</summary>
    public int Capacity { get; }

    /// <summary>Sessions registered with <see cref="TrackSession"/> and not ended yet.</summary>
    public int ActiveSessions
    {
        get
        {
            lock (_sessionsLock)
            {
                return _sessions;
            }
        }
    }

    /// <summary>Engine decoders the sessions have given back so far: while it grows, the pool is moving.</summary>
    public long DecodersReturned => Interlocked.Read(ref _decodersReturned);

    /// <summary>Counts a decoder a session gave back (completed, discarded or set aside).</summary>
    internal void OnDecoderReturned() => Interlocked.Increment(ref _decodersReturned);

    /// <summary>Runs <paramref name="work"/> once a slot is free, on the calling task's thread-pool thread.</summary>
    public async ValueTask<T> RunAsync<TState, T>(TState state, Func<TState, T> work, CancellationToken cancellationToken)
    {
        var waitStarted = _metrics is { MeasuresWorkerWaits: true } ? Stopwatch.GetTimestamp() : 0;
        await _slots.WaitAsync(cancellationToken);
        if (waitStarted != 0)
        {
            _metrics!.WorkerWaited(Stopwatch.GetElapsedTime(waitStarted));
        }

        try
        {
            return work(state);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Registers a session that uses the shared recognition resources (these workers, the engines, the VAD model) until
    /// the returned lease is disposed, which it must be once the session has stopped touching them.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The server is shutting down: <see cref="DrainSessionsAsync"/> has begun.</exception>
    public IDisposable TrackSession()
    {
        lock (_sessionsLock)
        {
            ObjectDisposedException.ThrowIf(_draining, this);
            _sessions++;
        }

        return new SessionLease(this);
    }

    /// <summary>
    /// Refuses new sessions from now on and completes once every registered session has ended. Afterwards nothing uses
    /// the engines or the VAD model any more, and they can be disposed.
    /// </summary>
    public Task DrainSessionsAsync()
    {
        lock (_sessionsLock)
        {
            _draining = true;
            if (_sessions == 0)
            {
                _drained.TrySetResult();
            }
        }

        return _drained.Task;
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private void EndSession()
    {
        lock (_sessionsLock)
        {
            if (--_sessions == 0 && _draining)
            {
                _drained.TrySetResult();
            }
        }
    }

    private sealed class SessionLease(RecognitionWorkers workers) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                workers.EndSession();
            }
        }
    }
}
