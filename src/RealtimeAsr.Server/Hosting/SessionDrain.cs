using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Orders the shutdown so that no session is inside a native call (decoding, VAD) when the engines and the VAD model are
/// freed. The host stops its hosted services before it disposes its singletons, and ASP.NET Core stops the web server
/// first (its hosted service starts last): connections get their graceful finish (a server-side
/// <c>session.finish</c>) and are aborted after the host's shutdown timeout. This service stops after that and waits
/// until every session has ended and been disposed (<see cref="RecognitionWorkers.DrainSessionsAsync"/>), even past the
/// shutdown timeout: an aborted session ends within its current native call, which is short (one work slice, or one
/// utterance's final pass), and freeing the engine under it would crash the process.
/// </summary>
internal sealed partial class SessionDrain(RecognitionWorkers workers, ILogger<SessionDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var drained = workers.DrainSessionsAsync();
        if (drained.IsCompleted)
        {
            return;
        }

        LogWaiting(logger, workers.ActiveSessions);
        try
        {
            await drained.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStillWaiting(logger, workers.ActiveSessions);
            await drained;
        }
    }

    [LoggerMessage(311, LogLevel.Information, "Waiting for {Sessions} sessions to end before the engines are freed")]
    private static partial void LogWaiting(ILogger logger, int sessions);

    [LoggerMessage(312, LogLevel.Warning, "The shutdown timeout passed with {Sessions} sessions still running; waiting for them to leave the engines before freeing them")]
    private static partial void LogStillWaiting(ILogger logger, int sessions);
}
