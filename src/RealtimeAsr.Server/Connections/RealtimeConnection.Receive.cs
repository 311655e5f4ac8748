using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    private const int InitialReceiveBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads frames until the client closes or the socket fails, and queues each message for the session. A close
    /// before <c>session.finished</c> drops the utterance in progress (protocol §3.4).
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                // Idle sockets hold no buffer: wait for data with a zero-byte read before renting one.
                var peek = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var command = await ReceiveMessageAsync(peek);
                if (command is null)
                {
                    break;
                }

                try
                {
                    await _session.PostAsync(command, _clientGone.Token);
                }
                catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
                {
                    // The session takes no more input (finished and closing): the message is not accepted.
                    (command as AppendAudio)?.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.ReceiveFailed(_logger, _session.Id, ex.Message);
        }
        finally
        {
            if (!_session.Finished.IsCompleted)
            {
                await _clientGone.CancelAsync();
            }

            _session.CompleteInput();
        }
    }

    /// <summary>Reads one whole message; <see langword="null"/> when the client closed instead.</summary>
    private async Task<SessionCommand?> ReceiveMessageAsync(ValueWebSocketReceiveResult first)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferBytes);
        var length = 0;
        var tooLarge = false;
        var type = first.MessageType;
        try
        {
            var result = first;
            while (!result.EndOfMessage)
            {
                if (length == buffer.Length)
                {
                    if (length >= _options.MaxMessageBytes)
                    {
                        // Keep reading to the end of the message so the stream stays in sync, but keep none of it.
                        tooLarge = true;
                        length = 0;
                    }
                    else
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
            }

            if (tooLarge)
            {
                return new RejectEvent(null, ErrorCodes.MessageTooLarge,
                    $"The message exceeds the server's limit of {_options.MaxMessageBytes} bytes.", null);
            }

            return type == WebSocketMessageType.Text
                ? ClientEventReader.Read(buffer.AsSpan(0, length))
                : new RejectEvent(null, ErrorCodes.InvalidJson, "Binary frames are not supported: send JSON text frames.", null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
