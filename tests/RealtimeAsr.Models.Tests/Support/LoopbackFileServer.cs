using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RealtimeAsr.Models.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 file server on a loopback port (one request per connection), serving <see cref="Content"/> under
/// any path ending in <see cref="FileName"/>. It can cut its first response mid-body and ignore <c>Range</c>, and it
/// records every request, so tests see exactly what a downloader asked for. Shared with the CLI tests as source.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _responses;

    public LoopbackFileServer(string fileName, byte[] content)
    {
        FileName = fileName;
        Content = content;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The file name served.</summary>
    public string FileName { get; }

    /// <summary>The bytes served.</summary>
    public byte[] Content { get; }

    /// <summary>When set, the first response promises the whole body and the connection closes after this many bytes.</summary>
    public int? CutFirstResponseAfter { get; init; }

    /// <summary>When set, <c>Range</c> is ignored: every answer is 200 with the whole file.</summary>
    public bool IgnoreRange { get; init; }

    /// <summary>The base URL the file is under (a folder).</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/mirror/");

    /// <summary>Every request, in order: its path and its <c>Range</c> header (<see langword="null"/> when none).</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var lines = head.Split("\r\n");
                var path = lines[0].Split(' ')[1];
                var range = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Range", StringComparison.OrdinalIgnoreCase))
                    .Select(p => p[1].Trim()).FirstOrDefault();
                Requests.Enqueue((path, range));

                if (!path.EndsWith("/" + FileName, StringComparison.Ordinal))
                {
                    await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }

                var from = range is not null && !IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal)
                    ? long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture)
                    : 0;
                var body = Content.AsMemory((int)from);
                var status = range is not null && !IgnoreRange
                    ? $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{Content.Length - 1}/{Content.Length}\r\n"
                    : "HTTP/1.1 200 OK\r\n";
                await WriteAsync(stream, $"{status}Content-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n");

                if (Interlocked.Increment(ref _responses) == 1 && CutFirstResponseAfter is { } cut)
                {
                    await stream.WriteAsync(body[..cut]);
                    await stream.FlushAsync();
                    client.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                await stream.WriteAsync(body);
                await stream.FlushAsync();
            }
            catch (IOException)
            {
                // The client went away (a cancelled download): nothing to serve.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
