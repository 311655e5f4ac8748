using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A real server for browser authentication, started once per test class: two API keys, one allowed page origin, the
/// page's token route on, a second model, and a fake clock (so a test can expire tokens without waiting).
/// </summary>
public class BrowserAuthServerFixture : ServerFixture
{
    /// <summary>A second API key.</summary>
    public const string OtherKey = "second-key-8c1d";

    /// <summary>The page origin the server allows besides its own.</summary>
    public const string AllowedOrigin = "https://app.example.com";

    /// <summary>An origin the server does not allow.</summary>
    public const string ForeignOrigin = "https://evil.example.net";

    /// <summary>A second served model (same engine).</summary>
    public const string OtherModel = "narrow";

    public BrowserAuthServerFixture()
        : this(withKeys: true)
    {
    }

    /// <summary>With both keys, or (<paramref name="withKeys"/> false) none; plus <paramref name="settings"/>.</summary>
    protected BrowserAuthServerFixture(bool withKeys, params string[] settings)
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow), withKeys, settings)
    {
    }

    private BrowserAuthServerFixture(FakeTimeProvider time, bool withKeys, string[] settings)
        : base(builder => builder.Services.AddSingleton<TimeProvider>(time),
            [withKeys ? $"--RealtimeAsr:ApiKeys:1={OtherKey}" : "--RealtimeAsr:ApiKeys:0=",
                $"--RealtimeAsr:Models:{OtherModel}=pocketsphinx", $"--RealtimeAsr:ClientSecrets:AllowedOrigins:0={AllowedOrigin}",
                "--RealtimeAsr:Page:IssueTokens=true", .. settings]) =>
        Time = time;

    /// <summary>The server's clock for client secrets; starts at the real now.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The server's own origin, as a page it served would send it.</summary>
    public string OwnOrigin => HttpAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The server's embedded engine, the reference transcripts come from.</summary>
    public PocketSphinxRecognizer Engine => Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();

    public HttpClient CreateHttpClient() => new() { BaseAddress = HttpAddress };

    /// <summary>Mints a token at <c>/v1/realtime/client_secrets</c> with <paramref name="key"/>; returns the response.</summary>
    public async Task<HttpResponseMessage> MintAsync(string? body, string? key = ServerFixture.ApiKey)
    {
        using var http = CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientSecretsEndpoint.Path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    /// <summary>Mints a token that must succeed; returns its value.</summary>
    public async Task<string> MintTokenAsync(string body = "{}", string key = ServerFixture.ApiKey)
    {
        using var response = await MintAsync(body, key);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("value").GetString()!;
    }

    /// <summary>
    /// Sends a WebSocket upgrade request as a browser would, offering <paramref name="subprotocols"/>, with
    /// <paramref name="origin"/> and optionally an API key: the refusals come back as plain HTTP to inspect.
    /// </summary>
    public async Task<HttpResponseMessage> HandshakeAsync(
        string[] subprotocols, string? origin, string model = ServerFixture.Model, string? apiKey = null)
    {
        using var http = CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Server.RealtimeEndpoint.Path}?model={Uri.EscapeDataString(model)}");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        if (subprotocols.Length > 0)
        {
            request.Headers.Add("Sec-WebSocket-Protocol", string.Join(", ", subprotocols));
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Opens a session as a browser does: subprotocols <c>realtime</c> and the token, and an <c>Origin</c>.</summary>
    public async Task<RawRealtimeClient> ConnectWithTokenAsync(string token, string? origin = AllowedOrigin, string model = ServerFixture.Model)
    {
        var client = await RawRealtimeClient.ConnectAsync(RealtimeUri(model), apiKey: null, options =>
        {
            options.AddSubProtocol(RealtimeSubprotocols.Realtime);
            options.AddSubProtocol(RealtimeSubprotocols.CredentialPrefix + token);
            if (origin is not null)
            {
                options.SetRequestHeader("Origin", origin);
            }
        });
        Assert.Equal(EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
        return client;
    }

    /// <summary>Asserts a refusal's status and its HandshakeError <c>code</c>; returns its message.</summary>
    public static async Task<string> AssertRefusedAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
