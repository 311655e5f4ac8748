using RealtimeAsr.Recognition.PocketSphinx;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>Samples how many of the engine's pooled decoders are lent, to show when sessions queue for one.</summary>
internal sealed class DecoderUsageSampler : IAsyncDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);

    private readonly PocketSphinxRecognizer _engine;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _samples;
    private int _fullSamples;

    public DecoderUsageSampler(PocketSphinxRecognizer engine)
    {
        _engine = engine;
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
                var inUse = _engine.DecodersInUse;
                MaxInUse = Math.Max(MaxInUse, inUse);
                _samples++;
                if (inUse >= _engine.MaxDecoders)
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
