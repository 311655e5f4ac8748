using System.Buffers;
using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    private const int InitialReceiveBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads frames until the client closes or the socket fails, and queues each message for the session, waiting for
    /// room in the input budget first. A close before <c>session.finish</c> drops the utterance in progress (protocol
    /// §3.4); a close after it is a half-close, and the client still gets what it asked for.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        var closedByClient = false;
        try
        {
            while (true)
            {
                await WaitForInputRoomAsync();

                // Idle sockets hold no buffer: wait for data with a zero-byte read before renting one.
                var peek = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                _session.NoteClientActivity();
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    closedByClient = true;
                    break;
                }

                var (command, messageBytes) = await ReceiveMessageAsync(peek);
                if (command is null)
                {
                    closedByClient = true;
                    break;
                }

                // Appends hold their decoded audio in a pooled buffer; other events at most their JSON.
                await PostAsync(command, command is AppendAudio append ? append.Buffer.Length : messageBytes);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.ReceiveFailed(_logger, _session.Id, ex.Message);
        }
        finally
        {
            // A WebSocket peer may go on reading after its close (a half-close): a session.finish accepted before it is
            // answered — transcripts, session.finished — before the server completes the close.
            if (!(closedByClient && _finishPosted) && !_session.Finished.IsCompleted)
            {
                await _clientGone.CancelAsync();
            }

            await CompleteInputAsync();
        }
    }

    /// <summary>
    /// Reads one whole message; the command is <see langword="null"/> when the client closed instead. A message over
    /// <see cref="RealtimeAsrServerOptions.MaxMessageBytes"/> is read to its end (the stream stays in sync), kept
    /// nowhere, and becomes a <c>message_too_large</c> rejection.
    /// </summary>
    private async Task<(SessionCommand? Command, int MessageBytes)> ReceiveMessageAsync(ValueWebSocketReceiveResult first)
    {
        var limit = _options.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferBytes);
        var length = 0;
        var tooLarge = false;
        var type = first.MessageType;
        // Payload bytes read, kept or not (a message over the limit is read to its end too).
        long read = 0;
        try
        {
            var result = first;
            while (!result.EndOfMessage)
            {
                if (tooLarge)
                {
                    // Read to the end of the message so the stream stays in sync, but keep none of it.
                    result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                }
                else if (length == limit)
                {
                    // Full to the limit: one more byte proves the message too large; none (an empty final frame) does not.
                    var probe = new byte[1];
                    result = await _socket.ReceiveAsync(probe.AsMemory(), CancellationToken.None);
                    tooLarge = result.Count > 0;
                }
                else
                {
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    // Never past the limit, whatever size of array the pool returned.
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), CancellationToken.None);
                    length += result.Count;
                }

                read += result.Count;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (null, 0);
                }

                // A large message may take long to arrive: its client is not idle meanwhile.
                _session.NoteClientActivity();
            }

            _session.Metrics?.BytesReceived(read);

            if (tooLarge)
            {
                return (new RejectEvent(null, ErrorCodes.MessageTooLarge,
                    $"The message exceeds the server's limit of {limit} bytes.", null), 0);
            }

            var command = type == WebSocketMessageType.Text
                ? _dialect.Read(buffer.AsSpan(0, length))
                : new RejectEvent(null, ErrorCodes.InvalidJson, "Binary frames are not supported: send JSON text frames.", null);
            return (command, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
