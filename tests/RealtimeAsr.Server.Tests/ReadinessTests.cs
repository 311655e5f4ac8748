using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// <c>GET /readyz</c>: 503 while the engines load and while the server drains, 200 between; <c>/healthz</c> stays
/// alive throughout.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_until_the_engine_is_loaded_then_200()
    {
        // Services started concurrently, so the server listens while the engine warms up (by default it opens its
        // port only after the warm-up).
        var port = FreePort();
        var warmUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = RealtimeAsrServerHost.Build(
            ["--urls", $"http://127.0.0.1:{port}", $"--RealtimeAsr:ApiKeys:0={ServerFixture.ApiKey}", "--Logging:LogLevel:Default=Critical",
                "--servicesStartConcurrently=true"],
            builder =>
            {
                builder.Services.RemoveAll<ISpeechRecognizer>();
                builder.Services.AddSingleton<ISpeechRecognizer>(services =>
                    new SlowLoadingRecognizer(new PocketSphinxRecognizer(services.GetRequiredService<IOptions<PocketSphinxOptions>>().Value), warmUp.Task));
            });
        await using var _ = app;
        var starting = app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? notReady = null;
            Assert.True(await Eventually.HoldsAsync(async () => (notReady = await TryGetAsync(http, "/readyz")) is not null),
                "the server never answered while the engine was loading");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady!.StatusCode);
            Assert.StartsWith("starting", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            Assert.False(starting.IsCompleted);

            warmUp.SetResult();
            await starting.WaitAsync(TimeSpan.FromSeconds(60));
            using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("ready", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            warmUp.TrySetResult();
            await starting;
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Readyz_is_503_while_the_server_drains_through_its_shutdown_delay()
    {
        // The port stays open this long after the stop; without a delay it closes at once, and a probe finds nothing.
        var app = await ConfiguredServer.StartAsync("--RealtimeAsr:ShutdownDelay=00:00:10");
        await using var _ = app;
        var address = new Uri(app.Urls.First());
        using var http = new HttpClient { BaseAddress = address };
        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // A session in the middle of an utterance, finished by the shutdown.
        await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        await client.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. TestAudio.LibriVoxClips()[1].Samples]));
        await client.ReceiveUntilAsync(EventTypes.SpeechStarted);

        var stopping = app.StopAsync();
        using (var draining = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
            Assert.StartsWith("draining", await draining.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(
            () => RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey));
        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await PrometheusScrape.GetAsync(address)).Sum("realtimeasr_sessions_refused_total", "realtimeasr_refusal_reason=shutting_down"));
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        Assert.Contains(events, e => e.Type == EventTypes.TranscriptionCompleted);

        await stopping.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetAsync(new Uri(path, UriKind.Relative));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The real engine, whose first decoder (the warm-up's) waits until <c>loaded</c> completes.</summary>
    private sealed class SlowLoadingRecognizer(PocketSphinxRecognizer inner, Task loaded) : ISpeechRecognizer, IDisposable
    {
        public string Name => inner.Name;

        public IReadOnlySet<string> SupportedLanguages => inner.SupportedLanguages;

        public IRecognitionSession CreateSession() => inner.CreateSession();

        public async ValueTask<IUtteranceDecoder> StartAsync(RecognitionOptions options, CancellationToken cancellationToken)
        {
            await loaded.WaitAsync(cancellationToken);
            return await inner.StartAsync(options, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
