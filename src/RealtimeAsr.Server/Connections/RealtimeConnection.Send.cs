using System.Buffers;
using System.Net.WebSockets;

namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    /// <summary>
    /// The socket's only writer: serialises each event into one text frame, then closes the socket once the session's
    /// event stream ends. A send that takes longer than <see cref="RealtimeAsrServerOptions.SendTimeout"/> (the client
    /// stopped reading) aborts the connection. Once the client is gone, remaining events are drained unsent so the
    /// session never blocks on them.
    /// </summary>
    private async Task SendLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var frameEnds = new List<int>(4);
        var deadline = new CancellationTokenSource();
        try
        {
            await foreach (var serverEvent in _events.Reader.ReadAllAsync())
            {
                if (_clientGone.IsCancellationRequested)
                {
                    continue;
                }

                buffer.ResetWrittenCount();
                frameEnds.Clear();
                _dialect.Write(serverEvent, buffer, frameEnds);
                var start = 0;
                foreach (var end in frameEnds)
                {
                    if (!await SendFrameAsync(buffer.WrittenMemory[start..end], deadline))
                    {
                        break;
                    }

                    start = end;
                }

                if (!deadline.TryReset())
                {
                    deadline.Dispose();
                    deadline = new CancellationTokenSource();
                }
            }
        }
        finally
        {
            deadline.Dispose();
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

    /// <summary>Sends one frame; returns false when the client is gone (the send failed or timed out).</summary>
    private async Task<bool> SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationTokenSource deadline)
    {
        deadline.CancelAfter(_options.SendTimeout);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, deadline.Token);
            _session.Metrics?.BytesSent(frame.Length);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // A cancelled send leaves half a frame behind: the socket cannot be used, not even for a close frame.
            Log.SendTimedOut(_logger, _session.Id, _options.SendTimeout);
            _socket.Abort();
            await _clientGone.CancelAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket failed or was aborted (connection lost, keep-alive timeout): nobody is left to answer.
            Log.SendFailed(_logger, _session.Id, ex.Message);
            await _clientGone.CancelAsync();
        }

        return false;
    }
}
