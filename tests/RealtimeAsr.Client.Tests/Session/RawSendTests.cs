using System.Text;
using System.Text.Json;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>Events this library has no class for: sent as raw JSON; a custom ClientEvent subclass is refused clearly.</summary>
public sealed class RawSendTests
{
    [Fact]
    public async Task Raw_json_is_sent_unchanged()
    {
        const string Json = """{"event_id":"event_raw","type":"response.create","response":{"modalities":["text"]},"n":1.50}""";
        JsonElement first = default, second = default;
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            first = await connection.ExpectAsync("response.create");
            second = await connection.ExpectAsync("x.custom");
            await connection.WaitForCloseAsync();
        });
        await using (var session = await server.CreateClient().ConnectAsync())
        {
            await session.SendRawAsync(Json);
            await session.SendRawAsync(Encoding.UTF8.GetBytes("""{"type":"x.custom"}"""));
        }

        server.AssertScriptsSucceeded();
        Assert.Equal(Json, first.GetRawText());
        Assert.Equal("x.custom", second.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"event_id":"e"}""")]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"type":"x"} trailing""")]
    [InlineData("""{"type":"x","a":}""")]
    public async Task Raw_text_that_is_not_an_event_is_refused_before_sending(string json)
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => session.SendRawAsync(json));

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, session.State);
    }

    [Fact]
    public async Task A_custom_client_event_subclass_fails_with_a_pointer_to_the_raw_send()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync();

        var exception = await Assert.ThrowsAsync<NotSupportedException>(() => session.SendAsync(new CustomEvent()));

        Assert.Contains(nameof(RealtimeTranscriptionSession.SendRawAsync), exception.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, session.State);
        await session.CommitAsync();
    }

    private sealed class CustomEvent : ClientEvent
    {
        public override string Type => "x.custom";
    }
}
