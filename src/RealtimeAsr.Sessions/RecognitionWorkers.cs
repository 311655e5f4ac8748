namespace RealtimeAsr.Sessions;

/// <summary>
/// Admission control for CPU-bound recognition work (VAD, decoding). Sessions run their own ordered loops, but only
/// <see cref="Capacity"/> of them compute at once, so a burst of sessions queues instead of oversubscribing the cores
/// and starving the socket threads. A session never waits for anything else (a decoder, the network) while it holds
/// a slot, which is what keeps slots and pooled decoders from deadlocking each other.
/// </summary>
public sealed class RecognitionWorkers : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates a pool with <paramref name="capacity"/> concurrent slots.</summary>
    public RecognitionWorkers(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>How many sessions may compute at once.</summary>
    public int Capacity { get; }

    /// <summary>Runs <paramref name="work"/> once a slot is free, on the calling task's thread-pool thread.</summary>
    public async ValueTask<T> RunAsync<TState, T>(TState state, Func<TState, T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return work(state);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
