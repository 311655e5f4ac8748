using System.Net;
using System.Net.Http.Headers;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Refusals of the OpenAI dialect: at the handshake as HTTP, afterwards as OpenAI-shaped <c>error</c> events.</summary>
[Collection(SharedServer.Name)]
public sealed class OpenAIRealtimeErrorTests(ServerFixture server)
{
    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData("?model=gpt-realtime", HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData("?intent=conversation", HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData("?intent=transcription&model=no-such-model", HttpStatusCode.NotFound, "ModelNotFound")]
    public async Task Anything_but_a_transcription_session_of_a_served_model_is_refused_before_the_upgrade(string query, HttpStatusCode status, string code)
    {
        await HandshakeRefusals.AssertRefusedAsync(server.HttpAddress, RealtimeEndpoint.OpenAIPath + query, status, code);
    }

    [Fact]
    public async Task A_wrong_key_gets_401()
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, RealtimeEndpoint.OpenAIPath + "?intent=transcription");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"transcription","audio":{"input":{"format":{"type":"audio/opus"}}}}}""",
        "invalid_value", "session.audio.input.format.type")]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"transcription","audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}}""",
        "invalid_value", "session.audio.input.format.rate")]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"transcription","audio":{"input":{"format":{"type":"audio/pcmu","rate":24000}}}}}""",
        "invalid_value", "session.audio.input.format.rate")]
    [InlineData("""{"type":"transcription_session.update","event_id":"e1","session":{"input_audio_format":"pcm"}}""",
        "invalid_value", "session.input_audio_format")]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"realtime"}}""",
        "invalid_value", "session.type")]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"transcription","audio":{"input":{"turn_detection":{"type":"push_to_talk"}}}}}""",
        "invalid_value", "session.audio.input.turn_detection.type")]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"transcription","audio":{"input":{"turn_detection":{"type":"server_vad","threshold":1.5}}}}}""",
        "invalid_value", "session.audio.input.turn_detection.threshold")]
    [InlineData("""{"type":"session.update","event_id":"e1","session":{"type":"transcription","audio":{"input":{"transcription":{"model":"no-such-model"}}}}}""",
        "invalid_value", "session.audio.input.transcription.model")]
    [InlineData("""{"type":"response.create","event_id":"e1"}""", "invalid_value", "type")]
    [InlineData("""{"type":"session.finish","event_id":"e1"}""", "invalid_value", "type")]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"e1","audio":"not base64!"}""", "invalid_base64", "audio")]
    public async Task A_bad_event_gets_an_OpenAI_error_naming_the_field_and_the_session_goes_on(string json, string code, string param)
    {
        await using var client = await OpenAIRawClient.ConnectAsync(server);
        await client.ReceiveUntilAsync("session.created");
        await client.SendAsync(json);
        var error = await client.ReceiveUntilAsync("error");

        var detail = error.GetProperty("error");
        Assert.Equal("invalid_request_error", detail.GetProperty("type").GetString());
        Assert.Equal(code, detail.GetProperty("code").GetString());
        Assert.Equal(param, detail.GetProperty("param").GetString());
        Assert.Equal("e1", detail.GetProperty("event_id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("message").GetString()));

        // Nothing changed, and the session still answers.
        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription"}}""");
        var updated = await client.ReceiveUntilAsync("session.updated");
        var format = updated.GetProperty("session").GetProperty("audio").GetProperty("input").GetProperty("format");
        Assert.Equal("audio/pcm", format.GetProperty("type").GetString());
        Assert.Equal(24000, format.GetProperty("rate").GetInt32());
    }

    [Fact]
    public async Task Committing_an_empty_buffer_is_refused_with_input_audio_buffer_commit_empty()
    {
        await using var client = await OpenAIRawClient.ConnectAsync(server);
        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"turn_detection":null}}}}""");
        await client.ReceiveUntilAsync("session.updated");
        await client.SendAsync("""{"type":"input_audio_buffer.commit","event_id":"c1"}""");
        var error = (await client.ReceiveUntilAsync("error")).GetProperty("error");

        Assert.Equal("input_audio_buffer_commit_empty", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("c1", error.GetProperty("event_id").GetString());
    }
}
