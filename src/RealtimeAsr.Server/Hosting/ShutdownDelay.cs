using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>
/// <see cref="RealtimeAsrServerOptions.ShutdownDelay"/>: when a stop is requested, the server first turns not ready
/// (<c>/readyz</c> answers 503, new sessions are refused with 503, open sessions begin their graceful finish) and goes on
/// listening for the delay, so that a load balancer polling <c>/readyz</c> takes it out of rotation before its port
/// closes. Runs before any hosted service stops, the web server included.
/// </summary>
internal sealed partial class ShutdownDelay(
    IOptions<RealtimeAsrServerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ShutdownDelay> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.ShutdownDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // A stop from the host itself (not a signal) fires ApplicationStopping only after this: fire it now.
        lifetime.StopApplication();
        LogDelaying(logger, delay);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(313, LogLevel.Information, "Shutting down: not ready any more, still listening for {Delay} so that load balancers stop sending sessions")]
    private static partial void LogDelaying(ILogger logger, TimeSpan delay);
}
