using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>A bare WebSocket client of <c>/v1/realtime?intent=transcription</c> that keeps every event as parsed JSON.</summary>
public sealed class OpenAIRawClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private OpenAIRawClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>Every event received so far, in order.</summary>
    public List<JsonElement> Received { get; } = [];

    /// <summary>The OpenAI endpoint of <paramref name="server"/> with <paramref name="query"/> (<c>wss:</c> for a server with TLS).</summary>
    public static Uri Uri(ServerFixture server, string query = "intent=transcription") =>
        new($"{(server.HttpAddress.Scheme == "https" ? "wss" : "ws")}://{server.HttpAddress.Authority}{RealtimeEndpoint.OpenAIPath}?{query}");

    public static async Task<OpenAIRawClient> ConnectAsync(ServerFixture server, bool beta = false, string query = "intent=transcription",
        Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        socket.Options.SetRequestHeader("Authorization", $"Bearer {ServerFixture.ApiKey}");
        if (beta)
        {
            socket.Options.SetRequestHeader("OpenAI-Beta", "realtime=v1");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(Uri(server, query), timeout.Token);
        return new OpenAIRawClient(socket);
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Appends <paramref name="audio"/> in chunks of <paramref name="chunkBytes"/>.</summary>
    public async Task AppendAsync(byte[] audio, int chunkBytes = 4800)
    {
        for (var offset = 0; offset < audio.Length; offset += chunkBytes)
        {
            var chunk = Convert.ToBase64String(audio, offset, Math.Min(chunkBytes, audio.Length - offset));
            await SendAsync($$"""{"type":"input_audio_buffer.append","audio":"{{chunk}}"}""");
        }
    }

    /// <summary>The next event; throws after <paramref name="timeout"/> (default 60 s) or if the server closes.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        var message = await WebSocketMessages.ReceiveTextAsync(_socket, timeout ?? TimeSpan.FromSeconds(60));
        var received = JsonDocument.Parse(message).RootElement.Clone();
        Received.Add(received);
        return received;
    }

    /// <summary>Receives until an event of <paramref name="type"/>; returns it.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var received = await ReceiveAsync(timeout);
            if (Type(received) == type)
            {
                return received;
            }
        }
    }

    /// <summary>Receives until <paramref name="count"/> transcriptions have completed (or failed).</summary>
    public async Task ReceiveCompletedAsync(int count, TimeSpan? timeout = null)
    {
        var done = Received.Count(e => Type(e) is Completed or Failed);
        while (done < count)
        {
            if (Type(await ReceiveAsync(timeout)) is Completed or Failed)
            {
                done++;
            }
        }
    }

    public const string Completed = "conversation.item.input_audio_transcription.completed";

    public const string Failed = "conversation.item.input_audio_transcription.failed";

    public const string Delta = "conversation.item.input_audio_transcription.delta";

    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    /// <summary>Per completed item, in order: the concatenated deltas and the transcript.</summary>
    public IReadOnlyList<(string ItemId, string Deltas, string Transcript)> Transcripts() =>
        Received.Where(e => Type(e) == Completed)
            .Select(c =>
            {
                var item = c.GetProperty("item_id").GetString()!;
                var deltas = string.Concat(Received.Where(e => Type(e) == Delta && e.GetProperty("item_id").GetString() == item)
                    .Select(e => e.GetProperty("delta").GetString()));
                return (item, deltas, c.GetProperty("transcript").GetString()!);
            })
            .ToList();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
