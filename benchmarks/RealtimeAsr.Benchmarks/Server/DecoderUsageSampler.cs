namespace RealtimeAsr.Benchmarks.Server;

/// <summary>Samples how much of the engine's pool is in use (decoders lent, decodes running), to show when sessions queue for it.</summary>
internal sealed class DecoderUsageSampler : IAsyncDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);

    private readonly EnginePool _pool;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _samples;
    private int _fullSamples;

    public DecoderUsageSampler(EnginePool pool)
    {
        _pool = pool;
        _sampling = SampleAsync();
    }

    public int MaxInUse { get; private set; }

    /// <summary>Share of samples at which every decoder was lent.</summary>
    public double FullFraction => _samples == 0 ? 0 : (double)_fullSamples / _samples;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(s_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var inUse = _pool.InUse();
                MaxInUse = Math.Max(MaxInUse, inUse);
                _samples++;
                if (inUse >= _pool.Capacity)
                {
                    _fullSamples++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
