using System.Net.WebSockets;

namespace RealtimeAsr.Testing;

/// <summary>Reading whole messages from a test client's socket.</summary>
public static class WebSocketMessages
{
    /// <summary>
    /// The next whole text message; throws when the server closes, sends a binary frame, or sends nothing within
    /// <paramref name="timeout"/>.
    /// </summary>
    public static async Task<byte[]> ReceiveTextAsync(WebSocket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(chunk, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"The server closed the connection ({result.CloseStatus} {result.CloseStatusDescription}).");
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                throw new InvalidDataException("The server sent a binary frame.");
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return buffer.ToArray();
            }
        }
    }
}
