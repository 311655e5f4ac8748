using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Authentication and model checks happen before the upgrade, as plain HTTP errors.</summary>
[Collection(SharedServer.Name)]
public sealed class HandshakeTests(ServerFixture server)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_key_gets_401_and_no_websocket(string? key)
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => RawRealtimeClient.ConnectAsync(server.RealtimeUri(), key));

        Assert.Equal(WebSocketError.NotAWebSocket, ex.WebSocketErrorCode);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_401_body_explains_the_problem()
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        using var response = await http.GetAsync(new Uri(server.RealtimeUri().PathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("InvalidApiKey", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_right_key_opens_a_session_without_OpenAI_Beta()
    {
        await using var client = await server.ConnectAsync();
        Assert.Equal(Protocol.EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
    }

    [Theory]
    [InlineData("qwen3-asr-flash-realtime-2025-10-27")]
    [InlineData("qwen3-asr-flash-realtime-2026-02-10")]
    public async Task Dated_snapshots_are_served(string model)
    {
        await using var client = await server.ConnectAsync(model);
        var created = await client.ReceiveAsync();
        Assert.Equal(model, created.Root.GetProperty("session").GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("?model=whisper-1", HttpStatusCode.NotFound, "ModelNotFound")]
    [InlineData("", HttpStatusCode.BadRequest, "InvalidParameter")]
    public async Task An_unknown_or_missing_model_is_refused_with_a_clear_body(string query, HttpStatusCode status, string code)
    {
        await HandshakeRefusals.AssertRefusedAsync(server.HttpAddress, Server.RealtimeEndpoint.Path + query, status, code);
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }
}
