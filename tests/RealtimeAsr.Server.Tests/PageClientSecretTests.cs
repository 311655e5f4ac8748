using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary><c>POST /page/client_secret</c>, the page's own token route: when it answers, for whom, and what its tokens open.</summary>
public sealed class PageClientSecretTests(BrowserAuthServerFixture server) : IClassFixture<BrowserAuthServerFixture>
{
    private static string[] Browser(string token) => [RealtimeSubprotocols.Realtime, RealtimeSubprotocols.CredentialPrefix + token];

    [Fact]
    public async Task An_allowed_origin_gets_a_token_that_opens_a_session_from_that_origin_only()
    {
        var (token, expiresAt) = await MintForPageAsync(BrowserAuthServerFixture.AllowedOrigin);

        Assert.StartsWith("ek_", token, StringComparison.Ordinal);
        Assert.Equal(server.Time.GetUtcNow().ToUnixTimeSeconds() + 60, expiresAt);
        using (var elsewhere = await server.HandshakeAsync(Browser(token), server.OwnOrigin))
        {
            var message = await BrowserAuthServerFixture.AssertRefusedAsync(elsewhere, HttpStatusCode.Forbidden, "AccessDenied");
            Assert.Contains(BrowserAuthServerFixture.AllowedOrigin, message, StringComparison.Ordinal);
        }

        await using var browser = await server.ConnectWithTokenAsync(token, BrowserAuthServerFixture.AllowedOrigin);
        Assert.Equal(RealtimeSubprotocols.Realtime, browser.SubProtocol);
    }

    [Fact]
    public async Task The_servers_own_page_gets_a_token_and_connects_with_it()
    {
        var (token, _) = await MintForPageAsync(server.OwnOrigin);

        await using var browser = await server.ConnectWithTokenAsync(token, server.OwnOrigin);
    }

    [Theory]
    [InlineData(BrowserAuthServerFixture.ForeignOrigin)]
    [InlineData("null")]
    public async Task A_foreign_origin_gets_403(string origin)
    {
        using var response = await PostAsync(origin, body: null);

        await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task A_model_in_the_body_binds_the_token_to_it()
    {
        var (token, _) = await MintForPageAsync(BrowserAuthServerFixture.AllowedOrigin, $$"""{"model":"{{BrowserAuthServerFixture.OtherModel}}"}""");

        using var response = await server.HandshakeAsync(Browser(token), BrowserAuthServerFixture.AllowedOrigin, model: ServerFixture.Model);

        await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Theory]
    [InlineData("""{"model":"whisper-1"}""", HttpStatusCode.NotFound, "ModelNotFound")]
    [InlineData("""{"model":5}""", HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData("{", HttpStatusCode.BadRequest, "InvalidParameter")]
    public async Task A_bad_body_gets_a_clear_error(string body, HttpStatusCode status, string code)
    {
        using var response = await PostAsync(BrowserAuthServerFixture.AllowedOrigin, body);

        await BrowserAuthServerFixture.AssertRefusedAsync(response, status, code);
    }

    [Fact]
    public async Task Without_IssueTokens_the_route_answers_404_saying_why()
    {
        await using var app = await ConfiguredServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsync(new Uri(PageClientSecretEndpoint.Path, UriKind.Relative), content: null);

        var message = await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("IssueTokens", message, StringComparison.Ordinal);
    }

    private async Task<(string Token, long ExpiresAt)> MintForPageAsync(string origin, string? body = null)
    {
        using var response = await PostAsync(origin, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(json.TryGetProperty("session", out _));
        return (json.GetProperty("value").GetString()!, json.GetProperty("expires_at").GetInt64());
    }

    private async Task<HttpResponseMessage> PostAsync(string? origin, string? body)
    {
        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, PageClientSecretEndpoint.Path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
