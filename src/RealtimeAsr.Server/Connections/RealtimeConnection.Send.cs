using System.Buffers;
using System.Net.WebSockets;

namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    /// <summary>
    /// The socket's only writer: serialises each event into one text frame, then closes the socket once the session's
    /// event stream ends. If the client is gone, remaining events are drained so the session never blocks on them.
    /// </summary>
    private async Task SendLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        await foreach (var serverEvent in _events.Reader.ReadAllAsync())
        {
            if (_clientGone.IsCancellationRequested)
            {
                continue;
            }

            buffer.ResetWrittenCount();
            Protocol.ProtocolSerializer.Write(buffer, serverEvent);
            try
            {
                await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                Log.SendFailed(_logger, _session.Id, ex.Message);
                await _clientGone.CancelAsync();
            }
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.CloseTimeout);
                await _socket.CloseOutputAsync(_closeStatus, _closeDescription, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                Log.SendFailed(_logger, _session.Id, ex.Message);
            }
        }
    }
}
