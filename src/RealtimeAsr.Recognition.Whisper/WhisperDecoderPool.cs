namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// The engine's bounded set of <see cref="WhisperDecoder"/>s over one shared model: at most <see cref="Capacity"/>
/// decodes hold whisper.cpp state and cores at once, engine-wide; the others wait asynchronously, before they ask the
/// server for a recognition worker, so a worker is never held while waiting here. The model is freed when the pool is
/// disposed and the last rented decoder is back, so no decode is ever left inside native code on a freed model.
/// </summary>
internal sealed class WhisperDecoderPool : IDisposable
{
    private readonly WhisperModel _model;
    private readonly int _threads;
    private readonly float _noSpeechThreshold;
    private readonly SemaphoreSlim _free;
    private readonly Stack<WhisperDecoder> _idle = new();
    private readonly Lock _lock = new();
    private int _rented;
    private int _running;
    private int _peakRunning;
    private bool _disposed;

    public WhisperDecoderPool(WhisperModel model, int capacity, int threads, float noSpeechThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _model = model;
        _threads = threads;
        _noSpeechThreshold = noSpeechThreshold;
        Capacity = capacity;
        _free = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>Decodes that may run at once.</summary>
    public int Capacity { get; }

    /// <summary>The most decodes that were inside whisper.cpp at the same moment so far (for tests and diagnostics).</summary>
    public int PeakRunning => Volatile.Read(ref _peakRunning);

    /// <summary>Decodes inside whisper.cpp now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Waits for a free decoder.</summary>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public async ValueTask<WhisperDecoder> RentAsync(CancellationToken cancellationToken)
    {
        await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (_disposed)
            {
                _free.Release();
                throw new ObjectDisposedException(nameof(WhisperEngine));
            }

            _rented++;
            return _idle.TryPop(out var decoder) ? decoder : new WhisperDecoder(_model, _threads, _noSpeechThreshold);
        }
    }

    /// <summary>Runs a decode on a rented decoder, counting it among those running.</summary>
    public WhisperDecoder.Output Run(WhisperDecoder decoder, ReadOnlySpan<short> audio, in WhisperDecodeSettings settings,
        CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peakRunning, running);
        try
        {
            return decoder.Decode(audio, settings, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Gives a rented decoder back.</summary>
    public void Return(WhisperDecoder decoder)
    {
        bool freeModel;
        lock (_lock)
        {
            _rented--;
            _idle.Push(decoder);
            freeModel = _disposed && _rented == 0;
        }

        // Released even after disposal: a caller waiting for a decoder wakes up and is told the engine is gone.
        _free.Release();
        if (freeModel)
        {
            _model.Dispose();
        }
    }

    /// <summary>Refuses further decodes and frees the model now, or when the last decode in flight returns.</summary>
    public void Dispose()
    {
        bool freeModel;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            freeModel = _rented == 0;
        }

        if (freeModel)
        {
            _model.Dispose();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
