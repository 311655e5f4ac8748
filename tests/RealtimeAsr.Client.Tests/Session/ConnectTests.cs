using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>Opening a session: the handshake, the first <c>session.update</c>, and the ways it fails.</summary>
public sealed class ConnectTests
{
    [Fact]
    public async Task Connect_sends_the_key_workspace_and_model_then_the_session_update()
    {
        JsonElement update = default;
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            update = await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
        var client = server.CreateClient(o =>
        {
            o.Model = "qwen3-asr-flash-realtime-2026-02-10";
            o.Workspace = "ws-42";
            o.Headers["X-DashScope-DataInspection"] = "enable";
        });

        await using (var opened = await client.ConnectAsync(new TranscriptionSessionOptions
        {
            Language = "en",
            CorpusText = "RealtimeAsr, Qwen",
            SampleRate = 8000,
            TurnDetection = TurnDetectionSettings.LowLatency,
        }))
        {
            Assert.Equal("sess_scripted", opened.SessionId);
            Assert.Equal(WebSocketStateOpen, opened.State.ToString());
        }

        server.AssertScriptsSucceeded();
        Assert.Equal("Bearer scripted-key", server.LastRequestHeaders!.Authorization.ToString());
        Assert.Equal("ws-42", server.LastRequestHeaders["X-DashScope-WorkSpace"].ToString());
        Assert.Equal("enable", server.LastRequestHeaders["X-DashScope-DataInspection"].ToString());
        Assert.StartsWith("realtime-asr-dotnet/", server.LastRequestHeaders.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Equal("?model=qwen3-asr-flash-realtime-2026-02-10", server.LastQuery);

        Assert.StartsWith("event_", update.GetProperty("event_id").GetString(), StringComparison.Ordinal);
        var session = update.GetProperty("session");
        Assert.Equal("pcm", session.GetProperty("input_audio_format").GetString());
        Assert.Equal(8000, session.GetProperty("sample_rate").GetInt32());
        Assert.Equal("en", session.GetProperty("input_audio_transcription").GetProperty("language").GetString());
        Assert.Equal("RealtimeAsr, Qwen", session.GetProperty("input_audio_transcription").GetProperty("corpus").GetProperty("text").GetString());
        var vad = session.GetProperty("turn_detection");
        Assert.Equal("server_vad", vad.GetProperty("type").GetString());
        Assert.Equal(0.0, vad.GetProperty("threshold").GetDouble());
        Assert.Equal(400, vad.GetProperty("silence_duration_ms").GetInt32());
    }

    [Fact]
    public async Task Manual_mode_sends_turn_detection_as_an_explicit_null()
    {
        JsonElement update = default;
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            update = await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });

        await using (await server.CreateClient().ConnectAsync(new TranscriptionSessionOptions { TurnDetection = null, AudioFormat = AudioInputFormat.Opus }))
        {
        }

        var session = update.GetProperty("session");
        Assert.Equal(JsonValueKind.Null, session.GetProperty("turn_detection").ValueKind);
        Assert.Equal("opus", session.GetProperty("input_audio_format").GetString());
        // Language omitted means automatic detection; the object itself is always sent, as the SDKs do.
        Assert.False(session.GetProperty("input_audio_transcription").TryGetProperty("language", out _));
    }

    [Theory]
    [InlineData(401, """{"code":"InvalidApiKey","message":"Invalid API-key provided."}""", "Invalid API-key provided.")]
    [InlineData(403, "access denied for this workspace", "access denied for this workspace")]
    [InlineData(404, "", "HTTP 404")]
    public async Task A_refused_upgrade_becomes_a_handshake_exception_with_status_and_body(int status, string body, string expectedInMessage)
    {
        await using var server = await ScriptedServer.StartAsync(
            _ => Task.CompletedTask,
            async context =>
            {
                context.Response.StatusCode = status;
                context.Response.Headers["X-Request-Id"] = "req-7";
                await context.Response.WriteAsync(body);
                return true;
            });

        var exception = await Assert.ThrowsAsync<RealtimeAsrHandshakeException>(() => server.CreateClient().ConnectAsync());

        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal(body.Length == 0 ? null : body, exception.ResponseBody);
        Assert.Contains(expectedInMessage, exception.Message, StringComparison.Ordinal);
        Assert.Equal("req-7", Assert.Single(exception.ResponseHeaders["X-Request-Id"]));
        Assert.IsAssignableFrom<RealtimeAsrConnectionException>(exception);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_connection_exception()
    {
        var client = new RealtimeAsrClient(new RealtimeAsrClientOptions { Endpoint = new Uri("ws://127.0.0.1:1/api-ws/v1/realtime"), ApiKey = "k" });

        var exception = await Assert.ThrowsAsync<RealtimeAsrConnectionException>(() => client.ConnectAsync());

        Assert.IsNotType<RealtimeAsrHandshakeException>(exception);
        Assert.Contains("127.0.0.1:1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_configuration_is_an_error_exception_naming_code_param_and_event()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendAsync(new SessionCreatedEvent { EventId = "event_c", Session = new SessionConfiguration { Id = "sess_1" } });
            var update = await connection.ExpectAsync(EventTypes.SessionUpdate);
            await connection.SendAsync(new ErrorEvent
            {
                EventId = "event_err",
                Error = new ErrorDetail
                {
                    Type = ErrorTypes.InvalidRequest,
                    Code = ErrorCodes.InvalidValue,
                    Message = "Invalid value: 12345. Supported values are: 16000, 8000.",
                    Param = "session.sample_rate",
                    EventId = update.GetProperty("event_id").GetString(),
                },
            });
            await connection.WaitForCloseAsync();
        });

        var exception = await Assert.ThrowsAsync<RealtimeAsrErrorException>(
            () => server.CreateClient().ConnectAsync(new TranscriptionSessionOptions { SampleRate = 12345 }));

        Assert.Equal(ErrorCodes.InvalidValue, exception.Code);
        Assert.Equal("session.sample_rate", exception.Param);
        Assert.Equal("event_err", exception.EventId);
        Assert.StartsWith("event_", exception.ClientEventId, StringComparison.Ordinal);
        Assert.Equal(ErrorTypes.InvalidRequest, exception.ErrorType);
    }

    [Fact]
    public async Task A_server_that_never_confirms_the_session_times_out()
    {
        await using var server = await ScriptedServer.StartAsync(connection => connection.WaitForCloseAsync());

        var exception = await Assert.ThrowsAsync<RealtimeAsrTimeoutException>(
            () => server.CreateClient(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(500)).ConnectAsync());

        Assert.IsAssignableFrom<RealtimeAsrException>(exception);
    }

    [Fact]
    public async Task Cancelling_connect_throws_operation_cancelled()
    {
        await using var server = await ScriptedServer.StartAsync(connection => connection.WaitForCloseAsync());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.CreateClient().ConnectAsync(cancellationToken: cancel.Token));
    }

    [Theory]
    [InlineData("wss://dashscope.aliyuncs.com/api-ws/v1/realtime", "wss://dashscope.aliyuncs.com/api-ws/v1/realtime?model=m1")]
    [InlineData("ws://127.0.0.1:8765", "ws://127.0.0.1:8765/api-ws/v1/realtime?model=m1")]
    [InlineData("http://localhost:8765/", "ws://localhost:8765/api-ws/v1/realtime?model=m1")]
    [InlineData("https://ws-1.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime?model=old&x=1", "wss://ws-1.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime?x=1&model=m1")]
    public void The_session_url_is_the_endpoint_with_the_model_appended(string endpoint, string expected) =>
        Assert.Equal(new Uri(expected), new RealtimeAsrClient(new Uri(endpoint), "k", "m1").SessionUri);

    [Fact]
    public void A_non_websocket_endpoint_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new RealtimeAsrClient(new Uri("ftp://example.com/x")));

    private const string WebSocketStateOpen = "Open";
}
