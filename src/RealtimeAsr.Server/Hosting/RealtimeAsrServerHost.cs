using System.Net;
using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>Builds and runs the server; shared by the server executable, <c>realtime-asr serve</c> and the tests.</summary>
public static class RealtimeAsrServerHost
{
    /// <summary>Where the server listens unless <c>--urls</c> / <c>ASPNETCORE_URLS</c> say otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8765";

    /// <summary>Builds the application from ASP.NET Core-style arguments (<c>--urls</c>, <c>--RealtimeAsr:ApiKeys:0=…</c>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddRealtimeAsr(builder.Configuration);
        configure?.Invoke(builder);

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<RealtimeAsrServerOptions>>().Value;
        if (options.ApiKeys.Count == 0 && urls.Split(';').FirstOrDefault(u => !IsLoopback(u)) is { } exposed)
        {
            throw new InvalidOperationException(
                $"Refusing to listen on '{exposed}' without authentication. Configure API keys (RealtimeAsr:ApiKeys or REALTIMEASR_API_KEYS) or listen on loopback only.");
        }

        app.UseWebSockets();
        app.UseRealtimeAsrPage();
        app.MapRealtimeAsr();
        return app;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires or the process is stopped; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or IOException or DllNotFoundException)
        {
            await Console.Error.WriteLineAsync($"realtime-asr: cannot start: {ex.Message}");
            return 1;
        }

        await using (app)
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Trim().Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
