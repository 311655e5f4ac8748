using Microsoft.AspNetCore.Builder;
using RealtimeAsr.Server;
using Xunit;

namespace RealtimeAsr.Testing;

/// <summary>
/// The real server (Kestrel, PocketSphinx, Silero VAD) on a free loopback port, with one API key configured.
/// Shared by a test collection; every test opens its own WebSocket sessions. A derived fixture passes settings of its
/// own (<c>--RealtimeAsr:…=…</c>) for a server configured otherwise.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    /// <summary>The API key the server accepts.</summary>
    public const string ApiKey = "test-key-3f9a";

    /// <summary>The standard model name.</summary>
    public const string Model = "qwen3-asr-flash-realtime";

    private readonly string[] _settings;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;

    public ServerFixture()
        : this([])
    {
    }

    /// <summary>A server with <paramref name="settings"/> (<c>--Section:Key=value</c>) on top of the test defaults.</summary>
    protected ServerFixture(params string[] settings) => _settings = settings;

    /// <summary>A server with <paramref name="settings"/> whose services <paramref name="configure"/> adjusts (a fake clock, say).</summary>
    protected ServerFixture(Action<WebApplicationBuilder> configure, params string[] settings)
    {
        _configure = configure;
        _settings = settings;
    }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>The realtime endpoint without a query: <c>ws://127.0.0.1:port/api-ws/v1/realtime</c>.</summary>
    public Uri RealtimeEndpoint => new($"ws://{HttpAddress.Authority}{Server.RealtimeEndpoint.Path}");

    /// <summary>The realtime endpoint for <paramref name="model"/>.</summary>
    public Uri RealtimeUri(string model = Model) => new($"{RealtimeEndpoint}?model={Uri.EscapeDataString(model)}");

    /// <summary>Services of the running server (to inspect the decoder pool and the like).</summary>
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        // Tests share this server and open more sessions at once than a 2-core machine carries live (admission control
        // would refuse them; it has tests of its own), so the session limit is lifted.
        _app = RealtimeAsrServerHost.Build(
            ["--urls", "http://127.0.0.1:0", $"--RealtimeAsr:ApiKeys:0={ApiKey}", "--RealtimeAsr:FinishedCloseTimeout=00:00:02", "--Logging:LogLevel:Default=Warning",
                "--RealtimeAsr:Limits:MaxSessions=1000", .. _settings], _configure);
        await _app.StartAsync();
        HttpAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Opens a raw WebSocket session with the right key.</summary>
    public Task<RawRealtimeClient> ConnectAsync(string model = Model) => RawRealtimeClient.ConnectAsync(RealtimeUri(model), ApiKey);
}
