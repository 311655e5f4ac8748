using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A tiny OpenAI-compatible backend of a test's own on a loopback port, for what a real backend will not do on cue
/// (answer late, relay and record): <c>GET /v1/models</c> lists <see cref="Model"/>, and
/// <c>POST /v1/audio/transcriptions</c> is answered by the test's handler.
/// </summary>
internal sealed class StandInBackend : IAsyncDisposable
{
    public const string Model = Testing.ServerFixture.Model;

    private readonly WebApplication _app;

    private StandInBackend(WebApplication app) => _app = app;

    /// <summary>The OpenAI API root: <c>http://127.0.0.1:port/v1</c>.</summary>
    public string BaseUrl => _app.Urls.First() + "/v1";

    public static async Task<StandInBackend> StartAsync(RequestDelegate transcriptions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/v1/models", () => Results.Text($$"""{"object":"list","data":[{"id":"{{Model}}","object":"model"}]}""", "application/json"));
        app.MapPost("/v1/audio/transcriptions", transcriptions);
        await app.StartAsync();
        return new StandInBackend(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
