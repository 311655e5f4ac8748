using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// <c>GET /metrics</c>: the RealtimeAsr meter in Prometheus text, scraped from a real server of the test's own while a
/// real session speaks a LibriVox clip to it, and after.
/// </summary>
public sealed class MetricsTests
{
    private const string Model = $"realtimeasr_model={ServerFixture.Model}";

    // Scraped without a key, though the server has one: the endpoint is open by default.
    [Fact]
    public async Task A_session_and_refused_handshakes_move_the_metrics()
    {
        await using var app = await ConfiguredServer.StartAsync();
        var address = new Uri(app.Urls.First());
        var before = await PrometheusScrape.GetAsync(address);
        Assert.Equal(0, before.Sum("realtimeasr_sessions_active", Model));

        // Refused before any session: a wrong key, then an unknown model (never a label: clients choose it).
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), "wrong-key"));
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => RawRealtimeClient.ConnectAsync(app.RealtimeUri("whisper-1"), ServerFixture.ApiKey));

        var audio = TestAudio.ToBytes([.. TestAudio.Silence(500), .. TestAudio.LibriVoxClips()[1].Samples, .. TestAudio.Silence(1500)]);
        var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        List<RawRealtimeClient.ReceivedEvent> events;
        await using (client)
        {
            await client.ReceiveUntilAsync(EventTypes.SessionCreated);
            Assert.True(await Eventually.HoldsAsync(async () => (await PrometheusScrape.GetAsync(address)).Sum("realtimeasr_sessions_active", Model) == 1),
                "the open session is not counted as active");

            await client.AppendChunkedAsync(audio);
            // Server VAD commits by itself: a commit is an error event.
            await client.CommitAsync();
            await client.FinishAsync();
            events = [.. await client.ReceiveUntilAsync(EventTypes.SessionFinished)];
            await client.CloseAsync();
        }

        var completed = events.Count(e => e.Type == EventTypes.TranscriptionCompleted);
        var partials = events.Count(e => e.Type == EventTypes.TranscriptionText);
        Assert.True(completed >= 1, "the clip gave no transcript");
        Assert.True(partials >= 2, "the clip gave fewer than two partials");

        PrometheusScrape after = null!;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            after = await PrometheusScrape.GetAsync(address);
            return after.Sum("realtimeasr_sessions_active", Model) == 0;
        }), "the ended session is still counted as active");

        Assert.Equal(1, after.Sum("realtimeasr_sessions_refused_total", "realtimeasr_refusal_reason=invalid_api_key"));
        var unknown = Assert.Single(after.Samples("realtimeasr_sessions_refused_total", "realtimeasr_refusal_reason=unknown_model"));
        Assert.False(unknown.Labels.ContainsKey("realtimeasr_model"));

        Assert.Equal(completed, after.Sum("realtimeasr_utterances_total", Model, "realtimeasr_outcome=completed"));
        // Every appended sample, once decoded (16 kHz PCM in, 16 kHz out).
        Assert.Equal(audio.Length / 2 / 16000.0, after.Sum("realtimeasr_audio_received_seconds_total", Model), precision: 6);
        Assert.Equal(completed, after.Sum("realtimeasr_utterance_final_latency_seconds_count", Model));
        Assert.True(after.Sum("realtimeasr_utterance_final_latency_seconds_sum", Model) > 0);
        // Intervals between successive partials of an item: one fewer than the partials, per item.
        Assert.Equal(partials - completed, after.Sum("realtimeasr_utterance_partial_interval_seconds_count", Model));
        Assert.Equal(completed, after.Sum("realtimeasr_engine_real_time_factor_count", Model));
        Assert.True(after.Sum("realtimeasr_engine_real_time_factor_sum", Model) > 0);
        Assert.Equal(1, after.Sum("realtimeasr_errors_total", Model, $"error_type={ErrorCodes.CommitNotAllowed}"));
        Assert.True(after.Sum("realtimeasr_websocket_payload_bytes_total", "network_io_direction=receive") > audio.Length,
            "fewer bytes received than the audio appended (as base64 in JSON)");
        Assert.True(after.Sum("realtimeasr_websocket_payload_bytes_total", "network_io_direction=transmit") > 0);
        Assert.True(after.Sum("realtimeasr_recognition_worker_wait_seconds_count") > 0);

        var engine = app.Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();
        Assert.Equal(engine.MaxDecoders, after.Sum("realtimeasr_engine_decoders_limit", "realtimeasr_engine=pocketsphinx"));
        Assert.Equal(engine.LoadedDecoders, after.Sum("realtimeasr_engine_decoders_loaded", "realtimeasr_engine=pocketsphinx"));
        Assert.Equal(0, after.Sum("realtimeasr_engine_decoders_in_use", "realtimeasr_engine=pocketsphinx"));
    }

    [Fact]
    public async Task The_path_can_change_and_a_key_can_be_required()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:Metrics:Path=/internal/metrics", "--RealtimeAsr:Metrics:RequireApiKey=true");
        var address = new Uri(app.Urls.First());
        using var http = new HttpClient { BaseAddress = address };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/internal/metrics", UriKind.Relative))).StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/internal/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);
        var scrape = await PrometheusScrape.GetAsync(address, "/internal/metrics", ServerFixture.ApiKey);
        Assert.True(scrape.Has("realtimeasr_engine_decoders_limit"));
    }

    [Fact]
    public async Task The_endpoint_can_be_turned_off()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:Metrics:Enabled=false");
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }
}
