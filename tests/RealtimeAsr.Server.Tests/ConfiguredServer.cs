using Microsoft.AspNetCore.Builder;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>A real server of a test's own, configured with <c>--RealtimeAsr:…=…</c> settings; the caller disposes it.</summary>
public static class ConfiguredServer
{
    /// <summary>Builds and starts the server; a start-up failure is thrown as is.</summary>
    public static async Task<WebApplication> StartAsync(params string[] settings)
    {
        var app = RealtimeAsrServerHost.Build(
            ["--urls", "http://127.0.0.1:0", $"--RealtimeAsr:ApiKeys:0={ServerFixture.ApiKey}", "--Logging:LogLevel:Default=Critical", .. settings]);
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The realtime endpoint of <paramref name="app"/> for <paramref name="model"/>.</summary>
    public static Uri RealtimeUri(this WebApplication app, string model) =>
        new($"ws://{new Uri(app.Urls.First()).Authority}{RealtimeEndpoint.Path}?model={Uri.EscapeDataString(model)}");
}
