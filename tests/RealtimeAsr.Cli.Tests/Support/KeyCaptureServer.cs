using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RealtimeAsr.Cli.Tests.Support;

/// <summary>
/// A loopback listener that records the WebSocket handshake's <c>Authorization</c> header and refuses it with 401: what
/// the CLI would send to an endpoint, without any server logic in the way.
/// </summary>
public sealed class KeyCaptureServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _accepting;
    private readonly CancellationTokenSource _stop = new();

    public KeyCaptureServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The endpoint to give <c>--url</c>.</summary>
    public string Url => $"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api-ws/v1/realtime";

    /// <summary>How many handshakes arrived.</summary>
    public int Requests { get; private set; }

    /// <summary>The last handshake's <c>Authorization</c> header, or <see langword="null"/> when it had none.</summary>
    public string? Authorization { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Requests++;
            Authorization = request.ToString().Split("\r\n")
                .Where(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))
                .Select(line => line["Authorization:".Length..].Trim())
                .FirstOrDefault();
            await stream.WriteAsync("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
        }
    }
}
