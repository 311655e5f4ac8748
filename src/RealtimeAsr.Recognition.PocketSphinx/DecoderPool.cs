using System.Collections.Concurrent;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// Lends loaded decoders, at most <c>maxDecoders</c> at once. Decoders are created on first need and kept for
/// reuse, so the pool holds as many as the busiest moment needed, never more than the maximum. Thread-safe.
/// </summary>
internal sealed class DecoderPool : IDisposable
{
    // ps_init touches process-wide state (the log, the front end's warping parameters), and two loads at once
    // would only slow each other down: loading is serialised across every pool in the process.
    private static readonly Lock s_createLock = new();

    private readonly Func<PocketSphinxDecoder> _createDecoder;
    // One slot per decoder that may exist: whoever holds a slot holds (or may create) one decoder.
    private readonly SemaphoreSlim _slots;
    // Last returned, first lent: the same few decoders stay warm in the CPU caches.
    private readonly ConcurrentStack<PocketSphinxDecoder> _idle = new();
    private readonly CancellationTokenSource _disposing = new();
    private int _created;
    private int _lent;

    public DecoderPool(int maxDecoders, Func<PocketSphinxDecoder> createDecoder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecoders, 1);
        MaxDecoders = maxDecoders;
        _createDecoder = createDecoder;
        _slots = new SemaphoreSlim(maxDecoders, maxDecoders);
    }

    public int MaxDecoders { get; }

    /// <summary>Decoders loaded now, lent or idle.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Decoders lent now.</summary>
    public int Lent => Volatile.Read(ref _lent);

    /// <summary>Lends a decoder, waiting for one to be returned if all <see cref="MaxDecoders"/> are lent.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed, or was while waiting.</exception>
    public async ValueTask<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_slots.Wait(0, CancellationToken.None))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            try
            {
                await _slots.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(DecoderPool));
            }
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);

            // Loading takes about half a second of CPU: off the caller's thread, which may serve a socket.
            var decoder = _idle.TryPop(out var idle) ? idle : await Task.Run(Create, CancellationToken.None);
            Interlocked.Increment(ref _lent);
            return decoder;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>
    /// Takes a decoder back. A decoder that is not <paramref name="reusable"/> is freed instead. A reusable one may come
    /// back with a discarded utterance still open: its next borrower ends it (<see cref="PocketSphinxDecoder.StartUtterance"/>),
    /// and freeing it as it is needs no ending.
    /// </summary>
    public void Return(PocketSphinxDecoder decoder, bool reusable)
    {
        Interlocked.Decrement(ref _lent);
        if (reusable && !_disposing.IsCancellationRequested)
        {
            _idle.Push(decoder);
        }
        else
        {
            Free(decoder);
        }

        // Dispose may have drained the stack between the check and the push.
        if (_disposing.IsCancellationRequested)
        {
            FreeIdle();
        }

        _slots.Release();
    }

    /// <summary>Makes sure one decoder is loaded, loading it now (on this thread) if none is.</summary>
    public void EnsureOneLoaded()
    {
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (Created > 0)
        {
            return;
        }

        _slots.Wait(_disposing.Token);
        try
        {
            if (_idle.IsEmpty)
            {
                _idle.Push(Create());
            }

            if (_disposing.IsCancellationRequested)
            {
                FreeIdle();
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        // Lent decoders are freed as they come back; waiting renters get ObjectDisposedException.
        _disposing.Cancel();
        FreeIdle();
    }

    private PocketSphinxDecoder Create()
    {
        PocketSphinxDecoder decoder;
        lock (s_createLock)
        {
            decoder = _createDecoder();
        }

        Interlocked.Increment(ref _created);
        return decoder;
    }

    private void FreeIdle()
    {
        while (_idle.TryPop(out var decoder))
        {
            Free(decoder);
        }
    }

    private void Free(PocketSphinxDecoder decoder)
    {
        decoder.Dispose();
        Interlocked.Decrement(ref _created);
    }
}
