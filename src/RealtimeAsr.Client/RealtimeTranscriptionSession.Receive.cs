using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

public partial class RealtimeTranscriptionSession
{
    /// <summary>The one loop that reads the socket: parses each text message, settles waiting requests, queues the event.</summary>
    private async Task ReceiveLoopAsync()
    {
        var message = new ArrayBufferWriter<byte>(8 * 1024);
        Exception? failure = null;
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(message.GetMemory(4 * 1024), _receiveStop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        failure = await OnCloseReceivedAsync().ConfigureAwait(false);
                        return;
                    }

                    message.Advance(result.Count);
                    if (message.WrittenCount > _clientOptions.MaxReceiveMessageBytes)
                    {
                        throw new RealtimeAsrConnectionException(
                            $"The server sent a message larger than {_clientOptions.MaxReceiveMessageBytes} bytes.");
                    }
                }
                while (!result.EndOfMessage);

                // Any message is a sign of progress, for the finish timeout.
                Volatile.Write(ref _lastReceivedTimestamp, Stopwatch.GetTimestamp());
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Log.IgnoredBinaryFrame(_logger);
                    continue;
                }

                if (ReadEvent(message.WrittenSpan) is not { } serverEvent)
                {
                    continue;
                }

                Observe(serverEvent);
                _events.Writer.TryWrite(serverEvent);
            }
        }
        catch (OperationCanceledException) when (_receiveStop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            if (!_closeRequested)
            {
                Log.ConnectionFailed(_logger, exception);
                failure = new RealtimeAsrConnectionException($"The connection to {Uri} failed: {exception.Message}", exception);
            }
        }
        catch (RealtimeAsrConnectionException exception)
        {
            failure = exception;
            _socket.Abort();
        }
        finally
        {
            EndReceiving(failure);
        }
    }

    /// <summary>
    /// The event in a text message. Whatever is JSON reaches the reader: an event that cannot be read as its class (or
    /// has no string <c>type</c>) arrives as <see cref="UnknownServerEvent"/> with its JSON and the read error. Only
    /// text that is not JSON at all is logged and skipped.
    /// </summary>
    private ServerEvent? ReadEvent(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var serverEvent = ProtocolSerializer.ReadServerEventTolerant(utf8Json);
            if (serverEvent is UnknownServerEvent { ReadError: { } readError })
            {
                Log.UnreadableEvent(_logger, serverEvent.Type, readError.Message);
            }

            return serverEvent;
        }
        catch (JsonException exception)
        {
            try
            {
                using var document = JsonDocument.Parse(utf8Json.ToArray());
                Log.UnreadableEvent(_logger, "", exception.Message);
                return new UnknownServerEvent("", document.RootElement.Clone()) { ReadError = exception };
            }
            catch (JsonException)
            {
                Log.IgnoredInvalidMessage(_logger, exception.Message);
                return null;
            }
        }
    }

    /// <summary>Answers the server's close frame and decides whether the close was an orderly end.</summary>
    private async Task<Exception?> OnCloseReceivedAsync()
    {
        var status = _socket.CloseStatus;
        var description = _socket.CloseStatusDescription;
        Log.ServerClosed(_logger, status, description);
        if (_socket.State == WebSocketState.CloseReceived)
        {
            await _sendLock.WaitAsync(_receiveStop.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", _receiveStop.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }

        if (_closeRequested || _finished || status == WebSocketCloseStatus.NormalClosure)
        {
            return null;
        }

        return new RealtimeAsrConnectionException(
            $"The server closed the connection: {(int?)status} {status}{(string.IsNullOrEmpty(description) ? "" : $" ({description})")}.",
            status,
            description);
    }

    /// <summary>Settles the requests that wait for this event.</summary>
    private void Observe(ServerEvent serverEvent)
    {
        TaskCompletionSource<SessionUpdatedEvent>? update = null;
        TaskCompletionSource? finish = null;
        Exception? error = null;
        lock (_gate)
        {
            switch (serverEvent)
            {
                case SessionCreatedEvent created:
                    _sessionId = created.Session.Id;
                    _configuration = created.Session;
                    Log.SessionCreated(_logger, created.Session.Id);
                    break;
                case SessionUpdatedEvent updated:
                    _configuration = updated.Session;
                    update = _pendingUpdate;
                    _pendingUpdate = null;
                    break;
                case SessionFinishedEvent:
                    _finished = true;
                    finish = _pendingFinish;
                    break;
                case ErrorEvent errorEvent:
                    Log.ServerError(_logger, errorEvent.Error.Code, errorEvent.Error.Param, errorEvent.Error.Message);
                    error = new RealtimeAsrErrorException(errorEvent);
                    // An update fails on its own error (or one that names no request); a finish fails on any error,
                    // as the official SDKs' end_session does.
                    if (_pendingUpdate is not null
                        && (errorEvent.Error.EventId is null || errorEvent.Error.EventId == _pendingUpdateEventId))
                    {
                        update = _pendingUpdate;
                        _pendingUpdate = null;
                    }

                    if (_pendingFinish is { Task.IsCompleted: false })
                    {
                        finish = _pendingFinish;
                        _pendingFinish = null;
                    }

                    break;
                case UnknownServerEvent { ReadError: { } readError } unreadable:
                    // A reply that arrived but cannot be read must fail its waiter now, not look like a silent server.
                    var waitsForIt = unreadable.Type switch
                    {
                        EventTypes.SessionUpdated => (Update: true, Finish: false),
                        EventTypes.SessionFinished => (Update: false, Finish: true),
                        EventTypes.Error => (Update: true, Finish: true),
                        _ => (Update: false, Finish: false),
                    };
                    if (waitsForIt.Update && _pendingUpdate is not null)
                    {
                        update = _pendingUpdate;
                        _pendingUpdate = null;
                    }

                    if (waitsForIt.Finish && _pendingFinish is { Task.IsCompleted: false })
                    {
                        finish = _pendingFinish;
                        _pendingFinish = null;
                    }

                    if (update is not null || finish is not null)
                    {
                        error = new RealtimeAsrException(
                            $"The server's {unreadable.Type} event could not be read: {readError.Message} Event: {Shorten(unreadable.Json.GetRawText())}",
                            readError);
                    }

                    break;
            }
        }

        if (error is null)
        {
            update?.TrySetResult((SessionUpdatedEvent)serverEvent);
            finish?.TrySetResult();
        }
        else
        {
            update?.TrySetException(error);
            finish?.TrySetException(error);
        }
    }

    private void EndReceiving(Exception? failure)
    {
        TaskCompletionSource<SessionUpdatedEvent>? update;
        TaskCompletionSource? finish;
        lock (_gate)
        {
            _receiveEnded = true;
            _terminalException = failure;
            update = _pendingUpdate;
            finish = _pendingFinish is { Task.IsCompleted: false } ? _pendingFinish : null;
            _pendingUpdate = null;
        }

        var closed = failure ?? new RealtimeAsrConnectionException("The connection closed before the server answered.");
        update?.TrySetException(closed);
        finish?.TrySetException(closed);
        _events.Writer.TryComplete();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Throws when no reply can come any more.</summary>
    private void ThrowIfReceiveEnded()
    {
        if (_receiveEnded)
        {
            throw _terminalException is null
                ? new RealtimeAsrConnectionException("The connection is closed.")
                : new RealtimeAsrConnectionException(_terminalException.Message, _terminalException);
        }
    }
}
