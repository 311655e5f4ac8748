using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>
/// Runs apart from the other test classes: the finish timeout is measured on the clock, and parallel classes that
/// block thread-pool threads delayed the scripted server's messages by seconds under CI load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FinishTiming
{
    public const string Name = "finish timing";
}

/// <summary><c>session.finish</c> waits for <c>session.finished</c>, fails on an error, and times out.</summary>
[Collection(FinishTiming.Name)]
public sealed class FinishTests
{
    [Fact]
    public async Task Finish_returns_once_session_finished_arrives_after_the_last_result()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.ExpectAsync(EventTypes.SessionFinish);
            await Task.Delay(300);
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e1", ItemId = "item_1", Transcript = "last words" });
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e2" });
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        await session.FinishAsync();

        Assert.True(session.IsFinished);
        var events = new List<ServerEvent>();
        await foreach (var serverEvent in session.ReadEventsAsync())
        {
            events.Add(serverEvent);
            if (serverEvent is SessionFinishedEvent)
            {
                break;
            }
        }

        Assert.Equal("last words", Assert.Single(events.OfType<TranscriptionCompletedEvent>()).Transcript);
        await session.FinishAsync();
    }

    [Fact]
    public async Task Finish_times_out_when_session_finished_never_comes()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var exception = await Assert.ThrowsAsync<RealtimeAsrTimeoutException>(() => session.FinishAsync(TimeSpan.FromMilliseconds(300)));

        Assert.Contains("session.finished", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_finish_timeout_counts_silence_so_a_server_that_keeps_sending_is_waited_for()
    {
        // The server answers finish after at least 4.5 s, beyond the 3 s timeout, but is never silent for more than about
        // 100 ms (30 times less than the timeout, so a loaded machine does not turn a gap into a timeout).
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.ExpectAsync(EventTypes.SessionFinish);
            for (var i = 0; i < 45; i++)
            {
                await Task.Delay(100);
                await connection.SendAsync(new TranscriptionTextEvent { EventId = $"e{i}", ItemId = "item_1", Text = "still working" });
            }

            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e_done", ItemId = "item_1", Transcript = "done" });
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e_fin" });
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient(o => o.FinishTimeout = TimeSpan.FromSeconds(3)).ConnectAsync();

        await session.FinishAsync();

        Assert.True(session.IsFinished);
        server.AssertScriptsSucceeded();
    }

    [Fact]
    public async Task An_error_while_finishing_fails_the_finish()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            var finish = await connection.ExpectAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new ErrorEvent
            {
                EventId = "event_e",
                Error = new ErrorDetail { Type = ErrorTypes.InvalidRequest, Code = ErrorCodes.SessionFinishing, Message = "already finishing", EventId = finish.GetProperty("event_id").GetString() },
            });
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var exception = await Assert.ThrowsAsync<RealtimeAsrErrorException>(() => session.FinishAsync());

        Assert.Equal(ErrorCodes.SessionFinishing, exception.Code);
        Assert.Equal("event_e", exception.EventId);
    }

    [Fact]
    public async Task Finish_fails_when_the_server_closes_first()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.ExpectAsync(EventTypes.SessionFinish);
            await connection.Socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "shutting down", CancellationToken.None);
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var exception = await Assert.ThrowsAsync<RealtimeAsrConnectionException>(() => session.FinishAsync());

        Assert.Contains("shutting down", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_session_waits_for_session_updated_and_records_the_options()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            var update = await connection.ExpectAsync(EventTypes.SessionUpdate);
            Assert.Equal("zh", update.GetProperty("session").GetProperty("input_audio_transcription").GetProperty("language").GetString());
            await connection.SendAsync(new SessionUpdatedEvent
            {
                EventId = "e_u",
                Session = new SessionConfiguration { Id = "sess_scripted", InputAudioTranscription = new InputAudioTranscription { Language = "zh" } },
            });
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var configuration = await session.UpdateSessionAsync(new TranscriptionSessionOptions { Language = "zh" });

        Assert.Equal("zh", configuration.InputAudioTranscription!.Language);
        Assert.Equal("zh", session.Options.Language);
        Assert.Same(configuration, session.Configuration);
        server.AssertScriptsSucceeded();
    }
}
