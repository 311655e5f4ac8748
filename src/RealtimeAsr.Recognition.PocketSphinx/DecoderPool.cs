using System.Runtime.ExceptionServices;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// Lends loaded decoders, at most <see cref="MaxDecoders"/> at once, and keeps them for reuse. Decoders are loaded one
/// at a time, in the background, on a thread of the pool's own: for a renter that found none idle, and ahead of need,
/// as a spare, whenever a rent takes the last idle one and fewer than the maximum exist. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Loading a decoder (PocketSphinx's <c>ps_init</c>) takes about half a second of CPU, and loads are serialised
/// process-wide. Loads used to run on the renter's <see cref="Task.Run(Action)"/> under a process-wide lock, so on a
/// 2-core server one thread-pool thread loaded while another blocked on the lock, and every session's socket, loop and
/// recognition work waited until the thread pool added threads (send lag of 0.2–0.8 s the first time the pool grew,
/// docs/BENCHMARKS.md). Now a renter waits asynchronously, the load runs on a dedicated thread under no lock or slot
/// that anything else needs, and a session holding a decoder never waits on a load. Loading a spare ahead of need also
/// spares the next speaker the load's half second.
/// </para>
/// <para>
/// With <see cref="DecoderPoolSize.MaxDecoders"/> unset, the maximum derives from a memory budget and the cost of one
/// decoder, measured as the growth of the process's resident memory while the first one loads; until then it is one.
/// </para>
/// </remarks>
/// <typeparam name="TDecoder">The decoder (<see cref="PocketSphinxDecoder"/>; tests use stand-ins).</typeparam>
internal sealed class DecoderPool<TDecoder> : IDisposable where TDecoder : class, IDisposable
{
    // ps_init touches process-wide state (the log, the front end's warping parameters), two loads at once would only
    // slow each other down, and a measured load must be alone: loading is serialised across every pool in the process.
    private static readonly Lock s_loadLock = new();

    private readonly DecoderPoolSize _size;
    private readonly Func<TDecoder> _load;
    private readonly Func<long> _residentBytes;
    private readonly Lock _lock = new();
    // Last returned, first lent: the same few decoders stay warm in the CPU caches.
    private readonly Stack<TDecoder> _idle = new();
    // Renters waiting for a decoder, first come first served.
    private readonly LinkedList<TaskCompletionSource<TDecoder>> _waiters = new();
    private int _max;
    private int _created;
    private int _lent;
    private int _loads;
    private bool _measured;
    private long _bytesPerDecoder;
    private bool _disposed;
    // The loader while it runs (it stops when nothing needs loading).
    private Task? _loader;
    private ExceptionDispatchInfo? _loadError;

    /// <param name="size">How many decoders the pool may hold.</param>
    /// <param name="load">Loads a decoder; called on the pool's loader thread, one load at a time process-wide.</param>
    /// <param name="residentBytes">The process's resident memory now, to measure what the first decoder costs.</param>
    public DecoderPool(DecoderPoolSize size, Func<TDecoder> load, Func<long> residentBytes)
    {
        _size = size;
        _max = size.BeforeMeasuring;
        ArgumentOutOfRangeException.ThrowIfLessThan(_max, 1, nameof(size));
        _load = load;
        _residentBytes = residentBytes;
    }

    /// <summary>The most decoders loaded at once: configured, or derived from the memory budget once one was measured.</summary>
    public int MaxDecoders => Volatile.Read(ref _max);

    /// <summary>What the first decoder cost (growth of resident memory while it loaded); 0 until one has loaded.</summary>
    public long BytesPerDecoder => Interlocked.Read(ref _bytesPerDecoder);

    /// <summary>Decoders loaded now, lent or idle.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Decoders lent now.</summary>
    public int Lent => Volatile.Read(ref _lent);

    /// <summary>Decoders loaded so far, freed ones included (for tests).</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Renters waiting for a decoder now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>
    /// Lends a decoder: an idle one at once, otherwise the next one loaded or given back, waiting asynchronously while
    /// all <see cref="MaxDecoders"/> are lent. A load's failure fails the renter it was for.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed, or was while waiting.</exception>
    public async ValueTask<TDecoder> RentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<TDecoder> waiter;
        LinkedListNode<TaskCompletionSource<TDecoder>> place;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                _lent++;
                LoadIfNeeded();
                return idle;
            }

            waiter = new TaskCompletionSource<TDecoder>(TaskCreationOptions.RunContinuationsAsynchronously);
            place = _waiters.AddLast(waiter);
            LoadIfNeeded();
        }

        using (cancellationToken.Register(() => GiveUp(place, cancellationToken)))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes a decoder back. A decoder that is not <paramref name="reusable"/> is freed instead. A reusable one may come
    /// back with a discarded utterance still open: its next borrower ends it (<see cref="PocketSphinxDecoder.StartUtterance"/>),
    /// and freeing it as it is needs no ending.
    /// </summary>
    public void Return(TDecoder decoder, bool reusable)
    {
        var free = !reusable;
        lock (_lock)
        {
            _lent--;
            free |= _disposed;
            if (free)
            {
                _created--;
                // Room for a waiter's decoder.
                LoadIfNeeded();
            }
            else if (!TryHandToWaiter(decoder))
            {
                _idle.Push(decoder);
            }
        }

        if (free)
        {
            decoder.Dispose();
        }
    }

    /// <summary>Makes sure one decoder is loaded, waiting for it to load if none is.</summary>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    /// <remarks>Throws what the load threw when it failed.</remarks>
    public void EnsureOneLoaded()
    {
        while (true)
        {
            Task loader;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_created > 0)
                {
                    return;
                }

                // With none loaded, one is always needed: the loader runs.
                _loadError = null;
                LoadIfNeeded();
                loader = _loader!;
            }

            // The loader never fails; its errors are kept.
            loader.Wait();
            lock (_lock)
            {
                if (_created == 0)
                {
                    _loadError?.Throw();
                }
            }
        }
    }

    public void Dispose()
    {
        List<TDecoder> idle;
        List<TaskCompletionSource<TDecoder>> waiters;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            // Lent decoders are freed as they come back, a decoder loading now when it has loaded.
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
            _created -= idle.Count;
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(new ObjectDisposedException(GetType().Name));
        }

        foreach (var decoder in idle)
        {
            decoder.Dispose();
        }
    }

    /// <summary>Whether a decoder should be loaded now: one is awaited, or none is idle (a spare), and there is room.</summary>
    private bool NeedsLoad => !_disposed && _created < _max && (_waiters.Count > 0 || _idle.Count == 0);

    /// <summary>Starts the loader if a decoder is needed and none is loading. Under the lock.</summary>
    private void LoadIfNeeded()
    {
        if (_loader == null && NeedsLoad)
        {
            // A thread of its own: a load blocks it for half a second, which a thread-pool thread cannot afford.
            _loader = Task.Factory.StartNew(LoadWhileNeeded, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>The loader: loads one decoder at a time while one is needed; never throws.</summary>
    private void LoadWhileNeeded()
    {
        while (true)
        {
            bool measure;
            lock (_lock)
            {
                if (!NeedsLoad)
                {
                    _loader = null;
                    return;
                }

                measure = !_measured;
            }

            TDecoder decoder;
            long cost = 0;
            try
            {
                lock (s_loadLock)
                {
                    var before = measure ? _residentBytes() : 0;
                    decoder = _load();
                    if (measure)
                    {
                        cost = _residentBytes() - before;
                    }
                }
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    _loadError = ExceptionDispatchInfo.Capture(e);
                    if (_waiters.First is not { } first)
                    {
                        // A spare that failed: the next renter that needs one tries again.
                        _loader = null;
                        return;
                    }

                    // The load was the first waiter's: it fails as its own load would have; the next waiter gets another.
                    _waiters.RemoveFirst();
                    first.Value.TrySetException(e);
                }

                continue;
            }

            var free = false;
            lock (_lock)
            {
                _created++;
                _loads++;
                if (measure)
                {
                    _measured = true;
                    Interlocked.Exchange(ref _bytesPerDecoder, cost);
                    Volatile.Write(ref _max, _size.For(cost));
                }

                if (_disposed)
                {
                    _created--;
                    free = true;
                }
                else if (!TryHandToWaiter(decoder))
                {
                    _idle.Push(decoder);
                }
            }

            if (free)
            {
                decoder.Dispose();
            }
        }
    }

    /// <summary>Gives <paramref name="decoder"/> to the first waiter, if any. Under the lock.</summary>
    private bool TryHandToWaiter(TDecoder decoder)
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult(decoder))
            {
                _lent++;
                return true;
            }
        }

        return false;
    }

    /// <summary>A waiter's cancellation: it leaves the queue unless a decoder was handed to it already.</summary>
    private void GiveUp(LinkedListNode<TaskCompletionSource<TDecoder>> place, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (place.List == null)
            {
                return;
            }

            _waiters.Remove(place);
        }

        place.Value.TrySetCanceled(cancellationToken);
    }
}
