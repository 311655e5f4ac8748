namespace RealtimeAsr.Server;

/// <summary>
/// Whether the server should be given new sessions, for <c>GET /readyz</c>: not before <see cref="EngineWarmup"/> has
/// loaded the VAD model and every engine in use (an optional engine that could not start counts as settled: its models
/// are refused until a restart, which waiting would not change), and not once the application is stopping (graceful
/// shutdown: sessions are being finished and new ones are refused). <c>/healthz</c> answers alive meanwhile.
/// </summary>
public sealed class ServerReadiness(IHostApplicationLifetime lifetime)
{
    private volatile bool _enginesLoaded;

    /// <summary>Why the server is not ready, or <see langword="null"/> when it is.</summary>
    public string? NotReadyReason =>
        lifetime.ApplicationStopping.IsCancellationRequested ? "draining: the server is shutting down"
        : !_enginesLoaded ? "starting: loading the engines and the VAD model"
        : null;

    /// <summary>The VAD model and every engine in use are loaded.</summary>
    internal void OnEnginesLoaded() => _enginesLoaded = true;
}
