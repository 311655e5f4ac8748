namespace RealtimeAsr.Server;

/// <summary>
/// Caps how many file transcriptions run at once (<see cref="OpenAITranscriptionOptions.MaxConcurrentTranscriptions"/>),
/// so that uploads cannot take every admission place or worker slot from live talkers. Thread-safe.
/// </summary>
public sealed class TranscriptionSlots(int capacity)
{
    private int _inUse;

    /// <summary>How many may run at once.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Takes a slot, released by disposing <paramref name="slot"/>; false when all are taken.</summary>
    public bool TryTake(out IDisposable? slot)
    {
        if (Interlocked.Increment(ref _inUse) > Capacity)
        {
            Interlocked.Decrement(ref _inUse);
            slot = null;
            return false;
        }

        slot = new Slot(this);
        return true;
    }

    private sealed class Slot(TranscriptionSlots slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref slots._inUse);
            }
        }
    }
}
