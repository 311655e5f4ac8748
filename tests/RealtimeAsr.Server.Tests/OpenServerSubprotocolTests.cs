using System.Net;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>A server without keys (loopback only) lets browsers in with nothing, and still answers their subprotocols.</summary>
public sealed class OpenServerSubprotocolTests(OpenServerSubprotocolTests.OpenServer server) : IClassFixture<OpenServerSubprotocolTests.OpenServer>
{
    /// <summary>The browser-auth server without API keys.</summary>
    public sealed class OpenServer() : BrowserAuthServerFixture(withKeys: false);

    [Theory]
    [InlineData(new[] { "realtime", "openai-insecure-api-key.anything" }, "realtime")]
    [InlineData(new[] { "openai-insecure-api-key.anything" }, "openai-insecure-api-key.anything")]
    [InlineData(new[] { "something-else" }, null)]
    public async Task A_browser_style_connection_is_accepted_and_its_subprotocol_selected(string[] offered, string? selected)
    {
        await using var client = await RawRealtimeClient.ConnectAsync(server.RealtimeUri(), apiKey: null, options =>
        {
            foreach (var protocol in offered)
            {
                options.AddSubProtocol(protocol);
            }

            options.SetRequestHeader("Origin", BrowserAuthServerFixture.ForeignOrigin);
        });

        Assert.Equal(EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
        Assert.Equal(selected, client.SubProtocol);
    }

    [Fact]
    public async Task The_page_token_route_answers_404_saying_the_page_needs_no_token()
    {
        using var http = server.CreateHttpClient();

        using var response = await http.PostAsync(new Uri(PageClientSecretEndpoint.Path, UriKind.Relative), content: null);

        var message = await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("no API keys", message, StringComparison.Ordinal);
    }
}
