using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Support;

/// <summary>The server's end of one scripted WebSocket connection.</summary>
public sealed class ScriptedConnection(WebSocket socket)
{
    private static readonly TimeSpan s_receiveTimeout = TimeSpan.FromSeconds(10);

    public WebSocket Socket => socket;

    /// <summary>The close status the client sent, once <see cref="ReceiveAsync"/> returned <see langword="null"/>.</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    /// <summary>The next client event as JSON, or <see langword="null"/> when the client closed.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(s_receiveTimeout);
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloseStatus = result.CloseStatus;
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        using var document = JsonDocument.Parse(message.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>The next client event, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonElement> ExpectAsync(string type)
    {
        var next = await ReceiveAsync() ?? throw new InvalidOperationException($"The client closed; expected {type}.");
        var actual = next.GetProperty("type").GetString();
        return actual == type ? next : throw new InvalidOperationException($"Expected {type}, got {actual}: {next}");
    }

    /// <summary>Client events until one of <paramref name="type"/> (inclusive), or the client closes.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(string type)
    {
        var received = new List<JsonElement>();
        while (await ReceiveAsync() is { } next)
        {
            received.Add(next);
            if (next.GetProperty("type").GetString() == type)
            {
                break;
            }
        }

        return received;
    }

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SendAsync(ServerEvent serverEvent) => SendAsync(ProtocolSerializer.ToJson(serverEvent));

    /// <summary>The opening every client expects: <c>session.created</c>, then <c>session.updated</c> for its update.</summary>
    /// <returns>The client's <c>session.update</c>.</returns>
    public async Task<JsonElement> AcceptSessionAsync()
    {
        await SendAsync(new SessionCreatedEvent { EventId = ProtocolIds.NewEventId(), Session = new SessionConfiguration { Id = "sess_scripted", Model = "qwen3-asr-flash-realtime" } });
        var update = await ExpectAsync(EventTypes.SessionUpdate);
        await SendAsync(new SessionUpdatedEvent { EventId = ProtocolIds.NewEventId(), Session = new SessionConfiguration { Id = "sess_scripted" } });
        return update;
    }

    /// <summary>Waits for the client to close (answering its close frame), ignoring anything it still sends.</summary>
    public async Task WaitForCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
    }
}
