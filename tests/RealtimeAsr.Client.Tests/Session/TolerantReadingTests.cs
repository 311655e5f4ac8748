using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>
/// Server events with a field of an unexpected type: numbers are read tolerantly, and an event that still cannot be
/// read reaches the reader with its JSON and fails the call waiting for it at once instead of looking like a timeout.
/// </summary>
public sealed class TolerantReadingTests
{
    [Fact]
    public async Task Integral_floats_and_numeric_strings_in_session_events_are_read()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendAsync("""{"event_id":"e1","type":"session.created","session":{"id":"sess_1","sample_rate":"16000"}}""");
            await connection.ExpectAsync(EventTypes.SessionUpdate);
            await connection.SendAsync("""
                {"event_id":"e2","type":"session.updated","session":{"id":"sess_1","sample_rate":16000.0,
                 "turn_detection":{"type":"server_vad","threshold":"0.2","silence_duration_ms":800.0}}}
                """);
            await connection.WaitForCloseAsync();
        });

        await using var session = await server.CreateClient().ConnectAsync();

        Assert.Equal(16000, session.Configuration!.SampleRate);
        Assert.Equal(800, session.Configuration.TurnDetection!.SilenceDurationMs);
        Assert.Equal(0.2, session.Configuration.TurnDetection.Threshold);
    }

    [Fact]
    public async Task An_unreadable_session_updated_fails_connect_at_once_naming_the_event()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendAsync(new SessionCreatedEvent { EventId = "e1", Session = new SessionConfiguration { Id = "sess_1" } });
            await connection.ExpectAsync(EventTypes.SessionUpdate);
            await connection.SendAsync("""{"event_id":"e2","type":"session.updated","session":{"id":"sess_1","sample_rate":16000.5}}""");
            await connection.WaitForCloseAsync();
        });

        // A long connect timeout: the failure must come from the unreadable event, not from waiting.
        var exception = await Assert.ThrowsAsync<RealtimeAsrException>(
            () => server.CreateClient(o => o.ConnectTimeout = TimeSpan.FromSeconds(30)).ConnectAsync());

        Assert.Contains("session.updated", exception.Message, StringComparison.Ordinal);
        Assert.Contains("16000.5", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(exception.InnerException);
    }

    [Fact]
    public async Task An_unreadable_session_finished_fails_finish_at_once()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.ExpectAsync(EventTypes.SessionFinish);
            await connection.SendAsync("""{"event_id":[],"type":"session.finished"}""");
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var exception = await Assert.ThrowsAsync<RealtimeAsrException>(() => session.FinishAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("session.finished", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_events_reach_the_reader_as_unknown_events_with_json_and_read_error()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync("""{"event_id":"e1","type":"input_audio_buffer.speech_started","audio_start_ms":64.5,"item_id":"i"}""");
            await connection.SendAsync("""{"event_id":"e2","no_type":true}""");
            await connection.SendAsync("""{"event_id":"e3","type":"input_audio_buffer.speech_started","audio_start_ms":"64","item_id":"i"}""");
            await connection.Socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var events = new List<ServerEvent>();
        await foreach (var serverEvent in session.ReadEventsAsync())
        {
            events.Add(serverEvent);
        }

        var wrongType = Assert.IsType<UnknownServerEvent>(events[2]);
        Assert.Equal(EventTypes.SpeechStarted, wrongType.Type);
        Assert.Equal("e1", wrongType.EventId);
        Assert.Equal(64.5, wrongType.Json.GetProperty("audio_start_ms").GetDouble());
        Assert.NotNull(wrongType.ReadError);
        var noType = Assert.IsType<UnknownServerEvent>(events[3]);
        Assert.Equal("", noType.Type);
        Assert.True(noType.Json.GetProperty("no_type").GetBoolean());
        Assert.NotNull(noType.ReadError);
        Assert.Equal(64, Assert.IsType<SpeechStartedEvent>(events[4]).AudioStartMs);
    }
}
