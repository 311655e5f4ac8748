using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// An upstream that opens sessions and confirms their settings, then never answers anything else: what a hung
/// recognition service looks like to a gateway. Counts the sessions it was asked to open.
/// </summary>
public sealed class SilentUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _sessions;

    private SilentUpstream(WebApplication app) => _app = app;

    /// <summary>The realtime endpoint, without <c>?model=</c>.</summary>
    public Uri Endpoint => new($"ws://{new Uri(_app.Urls.First()).Authority}{RealtimeEndpoint.Path}");

    /// <summary>How many WebSocket sessions it has accepted.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public static async Task<SilentUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new SilentUpstream(app);
        app.UseWebSockets();
        app.Map(RealtimeEndpoint.Path, (RequestDelegate)upstream.AcceptAsync);
        await app.StartAsync();
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _sessions);
        await SendAsync(socket, """{"event_id":"event_s1","type":"session.created","session":{"id":"sess_silent","object":"realtime.session","model":"m","modalities":["text"],"input_audio_format":"pcm","sample_rate":16000}}""");
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var json = Encoding.UTF8.GetString(message.ToArray());
            message.SetLength(0);
            if (json.Contains("\"session.update\"", StringComparison.Ordinal))
            {
                await SendAsync(socket, """{"event_id":"event_s2","type":"session.updated","session":{"id":"sess_silent","object":"realtime.session","model":"m","modalities":["text"],"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}}""");
            }
        }
    }

    private static Task SendAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
