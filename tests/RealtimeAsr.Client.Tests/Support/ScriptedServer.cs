using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Client.Tests.Support;

/// <summary>
/// A WebSocket server on a loopback port that plays a script per connection, for testing the client's side of the
/// protocol (timeouts, errors, odd frames) without the real engine.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Exception> _scriptFailures = new();

    private ScriptedServer(WebApplication app) => _app = app;

    /// <summary>The endpoint, without <c>?model=</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The last upgrade request's headers and query string.</summary>
    public IHeaderDictionary? LastRequestHeaders { get; private set; }

    /// <summary>The last request's query string.</summary>
    public string? LastQuery { get; private set; }

    /// <summary>Exceptions thrown by scripts (a script that fails makes the test fail through <see cref="AssertScriptsSucceeded"/>).</summary>
    public IReadOnlyCollection<Exception> ScriptFailures => _scriptFailures;

    /// <summary>Runs <paramref name="script"/> for every WebSocket connection; <paramref name="refuse"/> may answer the upgrade request with HTTP instead.</summary>
    public static async Task<ScriptedServer> StartAsync(Func<ScriptedConnection, Task> script, Func<HttpContext, Task<bool>>? refuse = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedServer(app);
        app.UseWebSockets();
        app.Map("/api-ws/v1/realtime", async context =>
        {
            // Kestrel reuses the request's header collection once the request ends: keep a copy.
            server.LastRequestHeaders = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            server.LastQuery = context.Request.QueryString.Value;
            if (refuse is not null && await refuse(context))
            {
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new ScriptedConnection(socket);
            try
            {
                await script(connection);
            }
            catch (Exception exception)
            {
                server._scriptFailures.Enqueue(exception);
            }
        });
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/api-ws/v1/realtime");
        return server;
    }

    /// <summary>A client for this server with short timeouts.</summary>
    public RealtimeAsrClient CreateClient(Action<RealtimeAsrClientOptions>? configure = null)
    {
        var options = new RealtimeAsrClientOptions
        {
            Endpoint = Endpoint,
            ApiKey = "scripted-key",
            ConnectTimeout = TimeSpan.FromSeconds(5),
            FinishTimeout = TimeSpan.FromSeconds(5),
            CloseTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        return new RealtimeAsrClient(options);
    }

    public void AssertScriptsSucceeded()
    {
        if (!_scriptFailures.IsEmpty)
        {
            throw new AggregateException("A server script failed.", _scriptFailures);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
