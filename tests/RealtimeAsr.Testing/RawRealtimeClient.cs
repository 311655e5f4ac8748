using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Testing;

/// <summary>
/// A bare WebSocket client, like the official raw samples: sends JSON text frames and reads the server's events as
/// both raw JSON (for exact shape checks) and typed <see cref="ServerEvent"/>s.
/// </summary>
public sealed class RawRealtimeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<ReceivedEvent> _received = [];

    private RawRealtimeClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>An event as received.</summary>
    public sealed record ReceivedEvent(string Json, ServerEvent Event)
    {
        public string Type => Event.Type;

        public JsonElement Root => JsonDocument.Parse(Json).RootElement;
    }

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<ReceivedEvent> Received => _received;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The subprotocol the server selected, or <see langword="null"/>.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>The headers of the server's handshake response (101 Switching Protocols).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>>? ResponseHeaders => _socket.HttpResponseHeaders;

    public static async Task<RawRealtimeClient> ConnectAsync(Uri uri, string? apiKey, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (apiKey is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {apiKey}");
        }

        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(uri, timeout.Token);
        return new RawRealtimeClient(socket);
    }

    public Task SendJsonAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] data) =>
        _socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>Sends one frame of a text message; a message may span several frames, the last with <paramref name="endOfMessage"/>.</summary>
    public Task SendTextFrameAsync(byte[] data, bool endOfMessage) =>
        _socket.SendAsync(data, WebSocketMessageType.Text, endOfMessage, CancellationToken.None);

    public Task SendAsync(ClientEvent clientEvent) => SendJsonAsync(ProtocolSerializer.ToJson(clientEvent));

    public Task UpdateAsync(string sessionJson, string eventId = "event_update") =>
        SendJsonAsync($$"""{"event_id":"{{eventId}}","type":"session.update","session":{{sessionJson}}}""");

    public Task AppendAsync(ReadOnlySpan<byte> audio, string? eventId = null) =>
        SendJsonAsync($$"""{"event_id":"{{eventId ?? ProtocolIds.NewEventId()}}","type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(audio)}}"}""");

    /// <summary>Appends <paramref name="audio"/> in chunks of <paramref name="chunkBytes"/>, as fast as the socket takes them.</summary>
    public async Task AppendChunkedAsync(byte[] audio, int chunkBytes = 3200)
    {
        for (var offset = 0; offset < audio.Length; offset += chunkBytes)
        {
            await AppendAsync(audio.AsSpan(offset, Math.Min(chunkBytes, audio.Length - offset)));
        }
    }

    /// <summary>
    /// Appends 16 kHz PCM16 <paramref name="audio"/> as a microphone would, <paramref name="chunkBytes"/> at a time on a real-time
    /// schedule (a late chunk is sent at once, so the pace never drifts), from the thread pool so that the test
    /// framework's own threads cannot hold it up. Returns the latest any chunk went out, which a test can report.
    /// </summary>
    public Task<TimeSpan> AppendInRealTimeAsync(byte[] audio, int chunkBytes = 3200) => Task.Run(async () =>
    {
        var started = Stopwatch.GetTimestamp();
        var latest = TimeSpan.Zero;
        for (var offset = 0; offset < audio.Length; offset += chunkBytes)
        {
            var due = TimeSpan.FromSeconds(offset / (16000.0 * sizeof(short)));
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            else if (-wait > latest)
            {
                latest = -wait;
            }

            await AppendAsync(audio.AsSpan(offset, Math.Min(chunkBytes, audio.Length - offset)));
        }

        return latest;
    });

    public Task CommitAsync(string eventId = "event_commit") =>
        SendJsonAsync($$"""{"event_id":"{{eventId}}","type":"input_audio_buffer.commit"}""");

    public Task FinishAsync(string eventId = "event_finish") =>
        SendJsonAsync($$"""{"event_id":"{{eventId}}","type":"session.finish"}""");

    /// <summary>The next event; throws after <paramref name="timeout"/> (default 60 s) or if the server closes.</summary>
    public async Task<ReceivedEvent> ReceiveAsync(TimeSpan? timeout = null)
    {
        var message = await WebSocketMessages.ReceiveTextAsync(_socket, timeout ?? TimeSpan.FromSeconds(60));
        var received = new ReceivedEvent(Encoding.UTF8.GetString(message), ProtocolSerializer.ReadServerEvent(message));
        _received.Add(received);
        return received;
    }

    /// <summary>Receives until an event of <paramref name="type"/> arrives; returns everything received meanwhile, it included.</summary>
    public async Task<IReadOnlyList<ReceivedEvent>> ReceiveUntilAsync(string type, TimeSpan? timeout = null)
    {
        var events = new List<ReceivedEvent>();
        while (true)
        {
            var received = await ReceiveAsync(timeout);
            events.Add(received);
            if (received.Type == type)
            {
                return events;
            }
        }
    }

    /// <summary>Waits for the server's close frame (after which the socket is closed); false if it did not come in time.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(chunk, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Receives every event until the server's close frame (events that precede it, in order); throws if the
    /// connection ends without one or nothing comes within <paramref name="timeout"/> (default 60 s).
    /// </summary>
    public async Task<IReadOnlyList<ReceivedEvent>> ReceiveUntilCloseAsync(TimeSpan? timeout = null)
    {
        var events = new List<ReceivedEvent>();
        while (true)
        {
            try
            {
                events.Add(await ReceiveAsync(timeout));
            }
            catch (WebSocketException) when (_socket.CloseStatus is not null)
            {
                return events;
            }
        }
    }

    /// <summary>Sends the client's close frame and goes on receiving: a WebSocket half-close.</summary>
    public Task CloseOutputAsync() =>
        _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

    /// <summary>Drops the connection without a close frame, as a crashed client would.</summary>
    public void Abort() => _socket.Abort();

    public Task CloseAsync() => _socket.State == WebSocketState.Open
        ? _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None)
        : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }

        _socket.Dispose();
    }
}
