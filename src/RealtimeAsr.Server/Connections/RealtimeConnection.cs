using System.Net.WebSockets;
using System.Threading.Channels;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Drives one accepted WebSocket: a receive loop that turns frames into session commands, the session's own loop, and a
/// send loop that is the socket's only writer. The receive side ends first on a client close; the send side closes
/// the socket once the session has nothing more to say (after <c>session.finished</c> and the client's close, a
/// timeout, a server shutdown or a server error).
/// </summary>
public sealed partial class RealtimeConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly RealtimeSession _session;
    private readonly Channel<ServerEvent> _events;
    private readonly RealtimeAsrServerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _clientGone = new();
    private readonly TaskCompletionSource _shuttingDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "session finished";

    /// <summary>Wires a session to a socket; nothing runs until <see cref="RunAsync"/>.</summary>
    public RealtimeConnection(WebSocket socket, RealtimeSession session, Channel<ServerEvent> events,
        RealtimeAsrServerOptions options, ILogger<RealtimeConnection> logger)
    {
        _socket = socket;
        _session = session;
        _events = events;
        _options = options;
        _logger = logger;
    }

    /// <summary>Runs the connection to its end. <paramref name="stopping"/> fires on server shutdown.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var sending = SendLoopAsync();
        var pipeline = RunSessionAsync();
        var receiving = ReceiveLoopAsync();

        // Shutdown is a server-side session.finish: in-flight utterances complete, then the socket closes.
        var onStopping = stopping.Register(() => _ = ShutDownAsync());
        try
        {
            await Task.WhenAny(_session.Finished, pipeline);
            // After session.finished the client should close; a shutdown does not wait for it.
            if (_session.Finished.IsCompleted
                && await Task.WhenAny(receiving, _shuttingDown.Task, Task.Delay(_options.FinishedCloseTimeout, CancellationToken.None)) != receiving
                && !_shuttingDown.Task.IsCompleted)
            {
                Log.ClientDidNotClose(_logger, _session.Id);
            }

            // Whatever ended the session, no more input is taken; the send loop closes the socket after the last event.
            _session.CompleteInput();
            await pipeline;
            await sending;
            if (await Task.WhenAny(receiving, Task.Delay(_options.CloseTimeout, CancellationToken.None)) != receiving)
            {
                _socket.Abort();
            }

            await receiving;
        }
        finally
        {
            await onStopping.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _clientGone.Dispose();

    private async Task ShutDownAsync()
    {
        _closeStatus = WebSocketCloseStatus.EndpointUnavailable;
        _closeDescription = "server shutting down";
        _shuttingDown.TrySetResult();
        try
        {
            await _session.PostAsync(new FinishSession(null), _clientGone.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ObjectDisposedException)
        {
            // The session already ended.
        }
    }

    private async Task RunSessionAsync()
    {
        try
        {
            await _session.RunAsync(_clientGone.Token);
        }
        catch (OperationCanceledException) when (_clientGone.IsCancellationRequested)
        {
            Log.ClientLeft(_logger, _session.Id);
        }
        catch (Exception ex)
        {
            Log.SessionFailed(_logger, _session.Id, ex);
            _closeStatus = WebSocketCloseStatus.InternalServerError;
            _closeDescription = "internal error";
            _events.Writer.TryWrite(new ErrorEvent
            {
                EventId = ProtocolIds.NewEventId(),
                Error = new ErrorDetail { Type = ErrorTypes.Server, Code = ErrorCodes.InternalError, Message = "The server failed to process the session." },
            });
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
