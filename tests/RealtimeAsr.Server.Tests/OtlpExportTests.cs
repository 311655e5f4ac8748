using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Server.Tests;

/// <summary>OTLP export is off by default and on once <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a missing collector harms nothing.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Setting_the_OTLP_endpoint_exports_traces_metrics_and_logs_to_it()
    {
        // A stand-in collector on loopback: it records what is posted to it and answers 200.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        var posted = new ConcurrentQueue<string>();
        collector.MapPost("/v1/{signal}", (HttpRequest request) =>
        {
            posted.Enqueue(request.Path);
            return Results.Ok();
        });
        await collector.StartAsync();

        var app = await ConfiguredServer.StartAsync(
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={collector.Urls.First()}", "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "--Logging:LogLevel:Default=Information");
        using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
        {
            Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        }

        // Stopping flushes what is batched.
        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Contains("/v1/traces", posted);
        Assert.Contains("/v1/metrics", posted);
        Assert.Contains("/v1/logs", posted);
    }

    [Fact]
    public async Task An_absent_collector_does_not_disturb_the_server()
    {
        // Nothing listens on the discard port of loopback.
        await using var app = await ConfiguredServer.StartAsync("--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9");
        await using var client = await Testing.RawRealtimeClient.ConnectAsync(app.RealtimeUri(Testing.ServerFixture.Model), Testing.ServerFixture.ApiKey);
        Assert.Equal(Protocol.EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
        await client.FinishAsync();
        await client.ReceiveUntilAsync(Protocol.EventTypes.SessionFinished);
        await client.CloseAsync();
        await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }
}
