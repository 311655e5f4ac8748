using System.Net.WebSockets;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>The event stream: arrival order, unknown events, odd frames, abnormal closes, one reader.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task Events_arrive_in_order_including_unknown_types_and_fields_while_binary_and_invalid_frames_are_skipped()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync("""{"event_id":"e1","type":"rate_limits.updated","rate_limits":[]}""");
            await connection.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            await connection.SendAsync("not json");
            await connection.SendAsync("""{"event_id":"e2","type":"conversation.item.input_audio_transcription.text","item_id":"i","text":"he","stash":"llo","future_field":true}""");
            await connection.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var events = await ReadAllAsync(session);

        Assert.Equal(
            [EventTypes.SessionCreated, EventTypes.SessionUpdated, "rate_limits.updated", EventTypes.TranscriptionText],
            events.Select(e => e.Type));
        var unknown = Assert.IsType<UnknownServerEvent>(events[2]);
        Assert.Equal("e1", unknown.EventId);
        var partial = Assert.IsType<TranscriptionTextEvent>(events[3]);
        Assert.Equal("hello", partial.Text + partial.Stash);
        Assert.True(partial.ExtensionData!.ContainsKey("future_field"));
    }

    [Fact]
    public async Task An_abnormal_close_ends_the_stream_with_a_connection_exception_after_the_events_before_it()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync(new ErrorEvent { EventId = "e_fatal", Error = new ErrorDetail { Type = ErrorTypes.Server, Code = ErrorCodes.InternalError, Message = "boom" } });
            await connection.Socket.CloseAsync(WebSocketCloseStatus.InternalServerError, "internal error", CancellationToken.None);
        });
        await using var session = await server.CreateClient().ConnectAsync();
        var seen = new List<ServerEvent>();

        var exception = await Assert.ThrowsAsync<RealtimeAsrConnectionException>(async () =>
        {
            await foreach (var serverEvent in session.ReadEventsAsync())
            {
                seen.Add(serverEvent);
            }
        });

        Assert.Equal(WebSocketCloseStatus.InternalServerError, exception.CloseStatus);
        Assert.Equal("internal error", exception.CloseDescription);
        Assert.IsType<ErrorEvent>(seen[^1]);
        var sendFailure = await Assert.ThrowsAsync<RealtimeAsrConnectionException>(() => session.CommitAsync());
        Assert.Contains("internal error", sendFailure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_one_reader_at_a_time()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();
        await using var first = session.ReadEventsAsync().GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in session.ReadEventsAsync())
            {
            }
        });
    }

    [Fact]
    public async Task Cancelling_the_reader_leaves_the_session_open()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.ExpectAsync(EventTypes.InputAudioBufferCommit);
            await connection.SendAsync(new InputAudioBufferCommittedEvent { EventId = "e_c", ItemId = "item_1" });
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var unused in session.ReadEventsAsync(cancel.Token))
                {
                }
            });
        }

        await session.CommitAsync();
        await foreach (var serverEvent in session.ReadEventsAsync())
        {
            if (serverEvent is InputAudioBufferCommittedEvent committed)
            {
                Assert.Equal("item_1", committed.ItemId);
                break;
            }
        }
    }

    [Fact]
    public async Task Dispose_closes_with_the_close_handshake()
    {
        WebSocketCloseStatus? closeStatus = null;
        var closed = new TaskCompletionSource();
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
            closeStatus = connection.ClientCloseStatus;
            closed.SetResult();
        });
        var session = await server.CreateClient().ConnectAsync();

        await session.DisposeAsync();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, closeStatus);
        Assert.Equal(WebSocketState.Closed, session.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.CommitAsync());
        await session.DisposeAsync();
    }

    private static async Task<List<ServerEvent>> ReadAllAsync(RealtimeTranscriptionSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<ServerEvent>();
        await foreach (var serverEvent in session.ReadEventsAsync(timeout.Token))
        {
            events.Add(serverEvent);
        }

        return events;
    }
}
