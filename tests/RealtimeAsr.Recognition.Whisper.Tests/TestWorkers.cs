namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>The server's recognition workers in miniature: at most <c>capacity</c> pieces of work run at once.</summary>
public sealed class TestWorkers(int capacity = 4) : IRecognitionWorkers, IDisposable
{
    private readonly SemaphoreSlim _slots = new(capacity, capacity);

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

    public void Dispose() => _slots.Dispose();
}
