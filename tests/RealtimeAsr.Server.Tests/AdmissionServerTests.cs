using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Admission control through a real server (<c>RealtimeAsr:Limits</c>): a handshake beyond a limit is refused before the
/// upgrade with the documented status, body and <c>Retry-After</c>, and the sessions already admitted go on undisturbed.
/// </summary>
public sealed class AdmissionServerTests
{
    private const string OtherKey = "second-key-8c1d";

    [Fact]
    public async Task Beyond_MaxSessions_the_next_handshake_gets_503_and_the_admitted_sessions_keep_transcribing()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:Limits:MaxSessions=2");
        await using var first = await ConnectAsync(app, ServerFixture.Model);
        await using var second = await ConnectAsync(app, ServerFixture.Model);

        using var refused = await HandshakeAsync(app, ServerFixture.Model, ServerFixture.ApiKey);
        await AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable",
            "The server is at capacity with 2 live sessions (RealtimeAsr:Limits:MaxSessions). Retry in 10 s");

        var clips = TestAudio.LibriVoxClips();
        var transcripts = await Task.WhenAll(TranscribeAsync(first, clips[1].Samples), TranscribeAsync(second, clips[2].Samples));
        var engine = app.Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();
        Assert.Equal(await DirectEngine.TranscribeAsync(engine, clips[1].Samples), transcripts[0]);
        Assert.Equal(await DirectEngine.TranscribeAsync(engine, clips[2].Samples), transcripts[1]);

        // The place of a session that ended is free again.
        await first.CloseAsync();
        Assert.True(await Eventually.HoldsAsync(() => app.Services.GetRequiredService<SessionAdmission>().ActiveSessions == 1));
        await using var third = await ConnectAsync(app, ServerFixture.Model);
    }

    [Fact]
    public async Task A_key_over_MaxSessionsPerKey_gets_429_and_another_key_is_admitted()
    {
        await using var app = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Limits:MaxSessionsPerKey=1", "--RealtimeAsr:Limits:RetryAfter=00:00:03", $"--RealtimeAsr:ApiKeys:1={OtherKey}");
        await using var held = await ConnectAsync(app, ServerFixture.Model);

        using var refused = await HandshakeAsync(app, ServerFixture.Model, ServerFixture.ApiKey);
        await AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests, "Throttling.AllocationQuota",
            "This API key already holds 1 live sessions, its limit (RealtimeAsr:Limits:MaxSessionsPerKey).");
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);

        await using var other = await ConnectAsync(app, ServerFixture.Model, OtherKey);
    }

    [Fact]
    public async Task A_model_at_its_own_limit_gets_503_while_the_other_models_are_served()
    {
        await using var app = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Models:narrow=pocketsphinx", "--RealtimeAsr:Limits:Models:narrow:MaxSessions=1");
        await using var held = await ConnectAsync(app, "narrow");

        using var refused = await HandshakeAsync(app, "narrow", ServerFixture.ApiKey);
        await AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable",
            "Model 'narrow' has 1 live sessions, its limit (RealtimeAsr:Limits:Models:narrow:MaxSessions).");

        await using var other = await ConnectAsync(app, ServerFixture.Model);
    }

    [Fact]
    public async Task By_default_the_embedded_engine_admits_two_live_sessions_per_core()
    {
        await using var app = await ConfiguredServer.StartAsync();
        var limit = 2 * Environment.ProcessorCount;
        List<RawRealtimeClient> clients = [];
        try
        {
            for (var i = 0; i < limit; i++)
            {
                clients.Add(await ConnectAsync(app, ServerFixture.Model));
            }

            using var refused = await HandshakeAsync(app, ServerFixture.Model, ServerFixture.ApiKey);
            await AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable",
                $"The server is at capacity with {limit} live sessions (what {Environment.ProcessorCount} cores carry in real time; engine 'pocketsphinx' takes {limit}).");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<RawRealtimeClient> ConnectAsync(WebApplication app, string model, string key = ServerFixture.ApiKey)
    {
        var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(model), key);
        Assert.Equal(EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
        return client;
    }

    private static async Task<HttpResponseMessage> HandshakeAsync(WebApplication app, string model, string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RealtimeEndpoint.Path}?model={model}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // A WebSocket upgrade, as a client sends it: refusal must come before the upgrade, whatever the request.
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        return await http.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code, string messageStart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.StartsWith(messageStart, body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> TranscribeAsync(RawRealtimeClient client, short[] samples)
    {
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(samples));
        await client.CommitAsync();
        await client.FinishAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        return Assert.Single(EventSequenceAssert.Utterances(client.Received, serverVad: false)).Transcript;
    }
}
