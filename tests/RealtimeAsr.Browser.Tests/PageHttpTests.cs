using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Browser.Tests;

/// <summary>The page's files and routes over plain HTTP: content types, headers, <c>/page/config</c>, and turning it off.</summary>
public sealed class PageHttpTests(PageServer open, KeyedServer keyed, TokenServer tokens, PageDisabledServer disabled, BrokenEngineServer broken)
    : IClassFixture<PageServer>, IClassFixture<KeyedServer>, IClassFixture<TokenServer>, IClassFixture<PageDisabledServer>,
        IClassFixture<BrokenEngineServer>
{
    private static readonly HttpClient s_http = new();

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/capture-worklet.js", "text/javascript")]
    [InlineData("/resampler.js", "text/javascript")]
    [InlineData("/style.css", "text/css")]
    [InlineData("/icon.svg", "image/svg+xml")]
    public async Task Page_files_are_served_with_their_type_and_the_page_headers(string path, string contentType)
    {
        using var response = await s_http.GetAsync(new Uri(open.HttpAddress, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        var csp = Single(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://{open.HttpAddress.Authority} wss://{open.HttpAddress.Authority}", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.NotEqual(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task An_unchanged_file_is_revalidated_with_304()
    {
        using var first = await s_http.GetAsync(new Uri(open.HttpAddress, "/app.js"));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(open.HttpAddress, "/app.js"));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await s_http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Config_of_a_server_without_keys_lists_the_models_and_says_open()
    {
        var config = await ConfigAsync(open);

        Assert.Equal("open", config.GetProperty("auth").GetString());
        Assert.Equal("/api-ws/v1/realtime", config.GetProperty("realtime_path").GetString());
        var models = config.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal([ServerFixture.Model, PageServer.ExtraModel], models.Select(m => m.GetProperty("id").GetString()));
        Assert.All(models, m =>
        {
            Assert.Equal("pocketsphinx", m.GetProperty("engine").GetString());
            Assert.Equal(["en"], m.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        });
    }

    [Fact]
    public async Task Config_says_unavailable_with_keys_and_token_when_page_tokens_are_on()
    {
        Assert.Equal("unavailable", (await ConfigAsync(keyed)).GetProperty("auth").GetString());
        Assert.Equal("token", (await ConfigAsync(tokens)).GetProperty("auth").GetString());
    }

    [Fact]
    public async Task Config_leaves_out_the_models_of_an_engine_that_could_not_start()
    {
        var models = (await ConfigAsync(broken)).GetProperty("models").EnumerateArray().Select(m => m.GetProperty("id").GetString());

        Assert.Equal([ServerFixture.Model], models);
    }

    [Fact]
    public async Task Config_and_page_name_no_key()
    {
        foreach (var path in new[] { "/page/config", "/", "/app.js", "/server-config.js" })
        {
            var body = await s_http.GetStringAsync(new Uri(keyed.HttpAddress, path));
            Assert.DoesNotContain(ServerFixture.ApiKey, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/app.js")]
    [InlineData("/page/config")]
    public async Task A_disabled_page_is_not_found(string path)
    {
        using var response = await s_http.GetAsync(new Uri(disabled.HttpAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_disabled_page_leaves_the_realtime_endpoint_and_health_alone()
    {
        using var health = await s_http.GetAsync(new Uri(disabled.HttpAddress, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await using var client = await disabled.ConnectAsync();
        Assert.Equal("session.created", (await client.ReceiveAsync()).Type);
    }

    private static async Task<JsonElement> ConfigAsync(ServerFixture server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.HttpAddress, "/page/config"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await s_http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}
