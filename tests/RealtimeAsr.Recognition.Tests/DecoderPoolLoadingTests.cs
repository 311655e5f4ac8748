using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// How the decoder pool loads: in the background, one at a time, a spare ahead of need, never making a renter that
/// finds an idle decoder wait. Stand-in decoders whose loads the tests hold at a gate.
/// </summary>
public sealed class DecoderPoolLoadingTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan s_generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_spare_is_loaded_in_the_background_once_the_last_idle_decoder_is_lent()
    {
        using var loader = new StandInLoader();
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 3, MemoryBudget: 1, Cap: 64));
        pool.EnsureOneLoaded();
        Assert.Equal(1, pool.Created);

        var first = await pool.RentAsync(CancellationToken.None);
        Assert.True(await Eventually.HoldsAsync(() => pool.Created == 2), "no spare was loaded after the last idle decoder was lent");
        var second = await pool.RentAsync(CancellationToken.None);
        Assert.True(await Eventually.HoldsAsync(() => pool.Created == 3), "no spare was loaded after the spare was lent");
        var third = await pool.RentAsync(CancellationToken.None);

        // The pool is full: the fourth waits for a decoder to come back, and nothing more loads.
        var fourth = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.True(await Eventually.HoldsAsync(() => pool.Waiting == 1));
        Assert.Equal(3, loader.Loads);
        pool.Return(second, reusable: true);
        Assert.Same(second, await fourth.WaitAsync(s_generous));

        Assert.Equal([first, second, third], loader.Loaded);
        Assert.Equal(3, pool.Lent);
        Assert.Equal(3, loader.Loads);
    }

    [Fact]
    public async Task Without_a_maximum_the_pool_holds_what_the_budget_allows_at_the_measured_cost()
    {
        using var loader = new StandInLoader { BytesPerLoad = 100 * MiB };
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: null, MemoryBudget: 350 * MiB, Cap: 64));
        Assert.Equal(1, pool.MaxDecoders);

        pool.EnsureOneLoaded();

        Assert.Equal(100 * MiB, pool.BytesPerDecoder);
        Assert.Equal(3, pool.MaxDecoders);
        List<StandInDecoder> lent = [];
        for (var i = 0; i < 3; i++)
        {
            lent.Add(await pool.RentAsync(CancellationToken.None).AsTask().WaitAsync(s_generous));
        }

        var waiting = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.True(await Eventually.HoldsAsync(() => pool.Waiting == 1));
        Assert.Equal(3, loader.Loads);
        Assert.Equal(3, pool.Created);
        pool.Return(lent[0], reusable: false);
        // A decoder that could not be reused leaves room for a new one, loaded for the waiter.
        Assert.NotSame(lent[0], await waiting.WaitAsync(s_generous));
        Assert.True(lent[0].Disposed);
        Assert.Equal(4, loader.Loads);
    }

    [Fact]
    public async Task An_explicit_maximum_wins_over_the_budget()
    {
        using var loader = new StandInLoader { BytesPerLoad = 1 * MiB };
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 2, MemoryBudget: 100_000 * MiB, Cap: 64));

        pool.EnsureOneLoaded();
        var first = await pool.RentAsync(CancellationToken.None);
        var second = await pool.RentAsync(CancellationToken.None).AsTask().WaitAsync(s_generous);
        var third = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.True(await Eventually.HoldsAsync(() => pool.Waiting == 1));

        Assert.Equal(2, pool.MaxDecoders);
        Assert.Equal(2, loader.Loads);
        Assert.False(third.IsCompleted);
        pool.Return(first, reusable: true);
        Assert.Same(first, await third.WaitAsync(s_generous));
        pool.Return(second, reusable: true);
    }

    [Fact]
    public async Task Loads_run_one_at_a_time_off_the_thread_pool_and_serve_waiters_in_turn()
    {
        using var loader = new StandInLoader { Gated = true };
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 4, MemoryBudget: 1, Cap: 64));
        var renters = new List<Task<StandInDecoder>>();
        for (var i = 0; i < 3; i++)
        {
            renters.Add(pool.RentAsync(CancellationToken.None).AsTask());
            Assert.True(await Eventually.HoldsAsync(() => pool.Waiting == i + 1));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await Eventually.HoldsAsync(() => loader.Started == i + 1), "the next load did not start");
            // The next load has not started while this one is held.
            await Task.Delay(50);
            Assert.Equal(i + 1, loader.Started);
            loader.Gate.Release();
            var lent = await renters[i].WaitAsync(s_generous);
            Assert.Same(loader.Loaded[i], lent);
        }

        Assert.Equal(1, loader.MostAtOnce);
        Assert.False(loader.OnThreadPool, "a decoder was loaded on a thread-pool thread");
        // Everything lent and room left: a spare loads, and stays held at the gate.
        Assert.True(await Eventually.HoldsAsync(() => loader.Started == 4));
        loader.Gate.Release();
        Assert.True(await Eventually.HoldsAsync(() => pool.Created == 4));
    }

    [Fact]
    public async Task A_renter_that_finds_an_idle_decoder_never_waits_for_a_load()
    {
        using var loader = new StandInLoader();
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 3, MemoryBudget: 1, Cap: 64));
        pool.EnsureOneLoaded();
        loader.Gated = true;

        // Lending the only idle decoder starts a spare's load, which the gate holds.
        var decoder = await pool.RentAsync(CancellationToken.None);
        Assert.True(await Eventually.HoldsAsync(() => loader.Started == 2));

        for (var i = 0; i < 5; i++)
        {
            pool.Return(decoder, reusable: true);
            var again = pool.RentAsync(CancellationToken.None);
            Assert.True(again.IsCompletedSuccessfully, "a renter waited for a load while a decoder was idle");
            decoder = await again;
        }

        // A second renter waits for the held load, and gets its decoder once the load ends.
        var waiting = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.True(await Eventually.HoldsAsync(() => pool.Waiting == 1));
        loader.Gate.Release();
        var loaded = await waiting.WaitAsync(s_generous);
        Assert.Same(loader.Loaded[1], loaded);
        pool.Return(decoder, reusable: true);
    }

    [Fact]
    public async Task A_failed_load_fails_the_renter_it_was_for_and_the_next_renter_gets_a_new_load()
    {
        using var loader = new StandInLoader { FailNext = 1 };
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 2, MemoryBudget: 1, Cap: 64));

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.RentAsync(CancellationToken.None).AsTask().WaitAsync(s_generous));
        var decoder = await pool.RentAsync(CancellationToken.None).AsTask().WaitAsync(s_generous);

        Assert.Same(loader.Loaded[0], decoder);
        pool.Return(decoder, reusable: true);
    }

    [Fact]
    public void Ensuring_one_loaded_throws_what_the_load_threw()
    {
        using var loader = new StandInLoader { FailNext = 1 };
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 2, MemoryBudget: 1, Cap: 64));

        Assert.Throws<InvalidOperationException>(pool.EnsureOneLoaded);
        Assert.Equal(0, pool.Created);
        pool.EnsureOneLoaded();
        Assert.Equal(1, pool.Created);
    }

    [Fact]
    public async Task Disposing_during_a_load_fails_the_waiters_and_frees_the_decoder_when_it_has_loaded()
    {
        using var loader = new StandInLoader { Gated = true };
        var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 2, MemoryBudget: 1, Cap: 64));
        var waiting = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.True(await Eventually.HoldsAsync(() => loader.Started == 1));

        pool.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(s_generous));
        loader.Gate.Release();

        Assert.True(await Eventually.HoldsAsync(() => loader.Loaded is [{ Disposed: true }]), "the decoder loaded after disposal was kept");
        Assert.Equal(0, pool.Created);
    }

    [Fact]
    public async Task A_renter_that_gives_up_leaves_the_queue_and_the_loaded_decoder_stays_idle()
    {
        using var loader = new StandInLoader { Gated = true };
        using var pool = loader.Pool(new DecoderPoolSize(MaxDecoders: 2, MemoryBudget: 1, Cap: 64));
        using var cancellation = new CancellationTokenSource();
        var waiting = pool.RentAsync(cancellation.Token).AsTask();
        Assert.True(await Eventually.HoldsAsync(() => loader.Started == 1));

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(s_generous));
        Assert.Equal(0, pool.Waiting);
        loader.Gate.Release();

        Assert.True(await Eventually.HoldsAsync(() => pool.Created == 1));
        Assert.Equal(0, pool.Lent);
        Assert.Same(loader.Loaded[0], await pool.RentAsync(CancellationToken.None));
    }

    private sealed class StandInDecoder : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>
    /// Loads stand-in decoders, counting and timing the loads; with <see cref="Gated"/>, each waits for <see cref="Gate"/>.
    /// Disposing opens the gate for good: a held load would keep every later test's loads waiting (loads are serialised
    /// process-wide).
    /// </summary>
    private sealed class StandInLoader : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly List<StandInDecoder> _loaded = [];
        private long _resident = 1000 * MiB;
        private int _inLoad;
        private int _mostAtOnce;
        private int _started;
        private volatile bool _onThreadPool;

        public SemaphoreSlim Gate { get; } = new(0);

        public bool Gated { get; set; }

        /// <summary>How much the process's resident memory grows by each load.</summary>
        public long BytesPerLoad { get; init; } = 90 * MiB;

        /// <summary>How many of the next loads throw.</summary>
        public int FailNext { get; set; }

        public int Started => Volatile.Read(ref _started);

        public int Loads
        {
            get
            {
                lock (_lock)
                {
                    return _loaded.Count;
                }
            }
        }

        public IReadOnlyList<StandInDecoder> Loaded
        {
            get
            {
                lock (_lock)
                {
                    return [.. _loaded];
                }
            }
        }

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public bool OnThreadPool => _onThreadPool;

        public void Dispose()
        {
            Gated = false;
            Gate.Release(1000);
        }

        public DecoderPool<StandInDecoder> Pool(DecoderPoolSize size) => new(size, Load, () => Interlocked.Read(ref _resident));

        private StandInDecoder Load()
        {
            Interlocked.Increment(ref _started);
            var now = Interlocked.Increment(ref _inLoad);
            lock (_lock)
            {
                _mostAtOnce = Math.Max(_mostAtOnce, now);
            }

            _onThreadPool |= Thread.CurrentThread.IsThreadPoolThread;
            try
            {
                if (Gated && !Gate.Wait(s_generous))
                {
                    throw new TimeoutException("The test never opened the gate.");
                }

                if (FailNext > 0)
                {
                    FailNext--;
                    throw new InvalidOperationException("The models could not be loaded.");
                }

                Interlocked.Add(ref _resident, BytesPerLoad);
                var decoder = new StandInDecoder();
                lock (_lock)
                {
                    _loaded.Add(decoder);
                }

                return decoder;
            }
            finally
            {
                Interlocked.Decrement(ref _inLoad);
            }
        }
    }
}
