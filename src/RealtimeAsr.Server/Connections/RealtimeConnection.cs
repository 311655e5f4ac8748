using System.Net.WebSockets;
using System.Threading.Channels;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Drives one accepted WebSocket: a receive loop that turns frames into session commands, the session's own loop, and a
/// send loop that is the socket's only writer. The receive side ends first on a client close; the send side closes
/// the socket once the session has nothing more to say (after <c>session.finished</c> and the client's close, a
/// timeout, a server shutdown or a server error). The operations live in partial files: Receive, Input, Send.
/// </summary>
/// <remarks>
/// Input is bounded in bytes (<see cref="InputBudget"/>): beyond <see cref="RealtimeAsrServerOptions.MaxBufferedInputBytes"/>
/// the socket is left unread. The wire dialect (<see cref="IRealtimeDialect"/>) is the only part that differs between
/// the Qwen and OpenAI endpoints. While it is, a departed client is still noticed through the connection itself
/// (<c>HttpContext.RequestAborted</c>, which keep-alive pings provoke), through a send that fails or times out
/// (<see cref="RealtimeAsrServerOptions.SendTimeout"/>), or through an unanswered ping
/// (<see cref="RealtimeAsrServerOptions.KeepAliveTimeout"/>); its queued input is then dropped, not decoded.
/// </remarks>
public sealed partial class RealtimeConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly RealtimeSession _session;
    private readonly Channel<ServerEvent> _events;
    private readonly RealtimeAsrServerOptions _options;
    private readonly IRealtimeDialect _dialect;
    private readonly ILogger _logger;
    private readonly InputBudget _budget;
    // Nobody is left to answer: the client closed without finishing, its connection died, or it stopped reading.
    // Cancels the session, which drops its queued input and the utterance in progress.
    private readonly CancellationTokenSource _clientGone = new();
    private readonly TaskCompletionSource _shuttingDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _shutdown = Task.CompletedTask;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "session finished";

    /// <summary>Wires a session to a socket; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="socket">The accepted socket.</param>
    /// <param name="session">The session it drives.</param>
    /// <param name="events">The session's event stream.</param>
    /// <param name="options">The server's options.</param>
    /// <param name="dialect">How frames are parsed and events shaped (<see cref="QwenDialect"/> or <see cref="OpenAIDialect"/>).</param>
    /// <param name="logger">The logger.</param>
    public RealtimeConnection(WebSocket socket, RealtimeSession session, Channel<ServerEvent> events,
        RealtimeAsrServerOptions options, IRealtimeDialect dialect, ILogger<RealtimeConnection> logger)
    {
        _dialect = dialect;
        _socket = socket;
        _session = session;
        _events = events;
        _options = options;
        _logger = logger;
        _budget = new InputBudget(options.MaxBufferedInputBytes);
        _inputEnded = CancellationTokenSource.CreateLinkedTokenSource(_clientGone.Token);
        session.CommandConsumed = _budget.Release;
    }

    /// <summary>
    /// Runs the connection to its end. <paramref name="connectionLost"/> fires when the client's connection is gone
    /// (<c>HttpContext.RequestAborted</c>); <paramref name="stopping"/> fires on server shutdown.
    /// </summary>
    public async Task RunAsync(CancellationToken connectionLost, CancellationToken stopping)
    {
        // Noticed even while the receive loop leaves the socket unread (back-pressure).
        using var onLost = connectionLost.UnsafeRegister(static state => ((RealtimeConnection)state!).OnConnectionLost(), this);
        var sending = SendLoopAsync();
        var pipeline = RunSessionAsync();
        var receiving = ReceiveLoopAsync();

        // Shutdown is a server-side session.finish: in-flight utterances complete, then the socket closes.
        var onStopping = stopping.Register(() => _shutdown = ShutDownAsync());
        try
        {
            await Task.WhenAny(_session.Finished, pipeline);
            // After session.finished the client should close; a shutdown, or a session ended for a limit, does not wait for it.
            if (_session.Finished.IsCompleted
                && !CloseForLimit()
                && await Task.WhenAny(receiving, _shuttingDown.Task, Task.Delay(_options.FinishedCloseTimeout, CancellationToken.None)) != receiving
                && !_shuttingDown.Task.IsCompleted)
            {
                Log.ClientDidNotClose(_logger, _session.Id);
            }

            // Whatever ended the session, no more input is taken; the send loop closes the socket after the last event.
            await CompleteInputAsync();
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
            await _shutdown;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _inputEnded.Dispose();
        _clientGone.Dispose();
        _inputLock.Dispose();
    }

    private void OnConnectionLost()
    {
        if (!_clientGone.IsCancellationRequested && !_session.Finished.IsCompleted)
        {
            Log.ConnectionLost(_logger, _session.Id);
        }

        _clientGone.Cancel();
    }

    /// <summary>
    /// A session that ended for a limit closes with 1008 (idle: the client broke the rule that it must keep sending) or
    /// 1001 (expired: the session goes away, as OpenAI's Realtime API closes at its own limit); see docs/OPERATIONS.md.
    /// Returns whether it did.
    /// </summary>
    private bool CloseForLimit()
    {
        (WebSocketCloseStatus Status, string Description)? close = _session.EndReason switch
        {
            SessionEndReason.IdleTimeout => (WebSocketCloseStatus.PolicyViolation, "idle timeout"),
            SessionEndReason.Expired => (WebSocketCloseStatus.EndpointUnavailable, "session expired"),
            _ => null,
        };
        if (close is { } limit)
        {
            (_closeStatus, _closeDescription) = limit;
        }

        return close is not null;
    }

    private async Task ShutDownAsync()
    {
        _closeStatus = WebSocketCloseStatus.EndpointUnavailable;
        _closeDescription = "server shutting down";
        _shuttingDown.TrySetResult();
        // Unless the client's own session.finish is already queued or answered: a second one would only earn the
        // client a session_finishing error.
        await PostAsync(new FinishSession(null), heldBytes: 0, unlessFinishing: true);
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
            _session.Metrics?.ErrorSent(_session.Model, ErrorCodes.InternalError);
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
