using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A front server whose engine is <c>qwen-realtime</c>, pointed at a second real server standing in for Alibaba Cloud
/// (<see cref="GatewayServers"/>): the protocol its clients see, its finals, the upstream key, the upstream's refusal and
/// loss, and its limits. Each test runs its own pair of servers.
/// </summary>
public sealed class QwenRealtimeGatewayTests
{
    [Fact]
    public async Task A_VAD_session_through_the_gateway_sees_the_protocol_unchanged_and_the_backend_s_finals()
    {
        await using var servers = await GatewayServers.StartAsync();
        var clips = TestAudio.LibriVoxClips();
        var audio = TestAudio.Join([TestAudio.Silence(500), clips[1].Samples, clips[2].Samples, TestAudio.Silence(1500)], gapMs: 1500);

        IReadOnlyList<RawRealtimeClient.ReceivedEvent> direct;
        await using (var client = await servers.ConnectBackendAsync())
        {
            direct = await GatewayServers.TranscribeWithVadAsync(client, audio);
        }

        IReadOnlyList<RawRealtimeClient.ReceivedEvent> gateway;
        await using (var client = await servers.ConnectFrontAsync())
        {
            gateway = await GatewayServers.TranscribeWithVadAsync(client, audio);
        }

        // Each item: speech_started, speech_stopped, committed, item.created, (.text …), .completed, with one item id.
        var directItems = EventSequenceAssert.Utterances(direct, serverVad: true);
        EventSequenceAssert.Utterances(gateway, serverVad: true);
        Assert.True(directItems.Count >= 2, $"the backend found {directItems.Count} utterances in two clips");
        Assert.Equal(TypesWithoutPartials(direct), TypesWithoutPartials(gateway));
        // The same VAD cuts the same audio, and the backend recognises each piece as it does its own.
        Assert.Equal(GatewayServers.Outcomes(direct), GatewayServers.Outcomes(gateway));
    }

    [Fact]
    public async Task Manual_mode_finals_through_the_gateway_equal_the_backend_s_own_for_the_same_audio()
    {
        await using var servers = await GatewayServers.StartAsync();
        var clips = TestAudio.LibriVoxClips();

        IReadOnlyList<RawRealtimeClient.ReceivedEvent> direct;
        await using (var client = await servers.ConnectBackendAsync())
        {
            direct = await GatewayServers.TranscribeManuallyAsync(client, clips[0].Samples, clips[3].Samples);
        }

        IReadOnlyList<RawRealtimeClient.ReceivedEvent> gateway;
        await using (var client = await servers.ConnectFrontAsync())
        {
            gateway = await GatewayServers.TranscribeManuallyAsync(client, clips[0].Samples, clips[3].Samples);
        }

        EventSequenceAssert.Utterances(gateway, serverVad: false);
        var finals = GatewayServers.Outcomes(gateway);
        Assert.Equal(2, finals.Count);
        Assert.All(finals, final => Assert.False(final.StartsWith("failed:", StringComparison.Ordinal), final));
        Assert.Equal(GatewayServers.Outcomes(direct), finals);
    }

    [Fact]
    public async Task The_upstream_key_never_reaches_the_client_and_the_two_servers_keys_are_not_interchangeable()
    {
        await using var servers = await GatewayServers.StartAsync();

        // Each server takes its own key only.
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => servers.ConnectFrontAsync(GatewayServers.BackendKey));
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            RawRealtimeClient.ConnectAsync(servers.Backend!.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey));

        await using var client = await servers.ConnectFrontAsync();
        var events = await GatewayServers.TranscribeManuallyAsync(client, TestAudio.LibriVoxClips()[1].Samples);

        Assert.DoesNotContain("failed:", string.Join("|", GatewayServers.Outcomes(events)), StringComparison.Ordinal);
        Assert.All(events, e => Assert.DoesNotContain(GatewayServers.BackendKey, e.Json, StringComparison.Ordinal));
        Assert.NotNull(client.ResponseHeaders);
        Assert.All(client.ResponseHeaders, header =>
            Assert.All(header.Value, value => Assert.DoesNotContain(GatewayServers.BackendKey, value, StringComparison.Ordinal)));
        var metrics = await PrometheusScrape.GetAsync(servers.FrontAddress);
        Assert.DoesNotContain(GatewayServers.BackendKey, metrics.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayServers.KeyId(GatewayServers.BackendKey), metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_session_opens_at_the_client_s_first_utterance_and_closes_with_its_session()
    {
        await using var servers = await GatewayServers.StartAsync();
        var upstreamSessions = servers.Backend!.Services.GetRequiredService<SessionAdmission>();

        await using var client = await servers.ConnectFrontAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionCreated);
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        // A client that has not spoken costs the upstream nothing.
        Assert.Equal(0, upstreamSessions.ActiveSessions);

        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[2].Samples));
        await client.CommitAsync();
        await client.ReceiveUntilAsync(EventTypes.TranscriptionCompleted);
        Assert.Equal(1, upstreamSessions.ActiveSessions);

        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[3].Samples));
        await client.CommitAsync();
        await client.ReceiveUntilAsync(EventTypes.TranscriptionCompleted);
        // The next utterance used the same upstream session.
        Assert.Equal(1, upstreamSessions.ActiveSessions);

        await client.FinishAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        await client.CloseAsync();
        Assert.True(await Eventually.HoldsAsync(() => upstreamSessions.ActiveSessions == 0), "the upstream session outlived the client's");
    }

    [Fact]
    public async Task A_wrong_upstream_key_fails_each_item_with_backend_unauthorized_and_the_session_goes_on()
    {
        await using var servers = await GatewayServers.StartAsync(upstreamKey: "not-the-backend-key");
        var clips = TestAudio.LibriVoxClips();

        await using var client = await servers.ConnectFrontAsync();
        var events = await GatewayServers.TranscribeManuallyAsync(client, clips[1].Samples, clips[2].Samples);

        Assert.Equal([$"failed:{ErrorCodes.BackendUnauthorized}", $"failed:{ErrorCodes.BackendUnauthorized}"], GatewayServers.Outcomes(events));
        var failed = events.Select(e => e.Event).OfType<TranscriptionFailedEvent>().First();
        Assert.Equal(
            "The upstream recognition server refused this server's credentials (HTTP 401); this server's operator must check the engine's upstream API key. The audio was not transcribed.",
            failed.Error.Message);
        Assert.All(events, e => Assert.DoesNotContain("not-the-backend-key", e.Json, StringComparison.Ordinal));
        Assert.Equal(EventTypes.SessionFinished, events[^1].Type);
    }

    [Fact]
    public async Task A_backend_stopped_mid_session_fails_items_with_backend_unavailable_until_it_returns_on_the_same_port()
    {
        await using var servers = await GatewayServers.StartAsync();
        var clip = TestAudio.LibriVoxClips()[1].Samples;
        string expected;
        await using (var direct = await servers.ConnectBackendAsync())
        {
            expected = Assert.Single(GatewayServers.Outcomes(await GatewayServers.TranscribeManuallyAsync(direct, clip)));
        }

        await using var client = await servers.ConnectFrontAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionCreated);
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated);

        Assert.Equal([expected], await CommitAsync(client, clip));

        // The upstream session is open; the backend goes away under it.
        await servers.StopBackendAsync();
        var failed = await CommitAsync(client, clip);
        Assert.Equal([$"failed:{ErrorCodes.BackendUnavailable}"], failed);

        await servers.RestartBackendAsync();
        Assert.Equal([expected], await CommitAsync(client, clip));

        await client.FinishAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);
    }

    [Fact]
    public async Task The_gateway_enforces_per_key_quotas_and_meters_each_key_s_audio_seconds_also_for_its_tokens()
    {
        const string otherKey = "second-key-8c1d";
        await using var servers = await GatewayServers.StartAsync(frontSettings:
            ["--RealtimeAsr:Limits:MaxSessionsPerKey=1", $"--RealtimeAsr:ApiKeys:1={otherKey}"]);
        var clips = TestAudio.LibriVoxClips();

        await using var first = await servers.ConnectFrontAsync();
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => servers.ConnectFrontAsync());
        // A browser's session, opened with a client secret the other key minted, counts for that key.
        var token = await MintClientSecretAsync(servers.FrontAddress, otherKey);
        var origin = servers.FrontAddress.GetLeftPart(UriPartial.Authority);
        await using var browser = await RawRealtimeClient.ConnectAsync(servers.Front.RealtimeUri(ServerFixture.Model), apiKey: null, options =>
        {
            options.AddSubProtocol(RealtimeSubprotocols.Realtime);
            options.AddSubProtocol(RealtimeSubprotocols.CredentialPrefix + token);
            options.SetRequestHeader("Origin", origin);
        });

        var outcomes = await Task.WhenAll(
            GatewayServers.TranscribeManuallyAsync(first, clips[1].Samples),
            GatewayServers.TranscribeManuallyAsync(browser, clips[2].Samples, clips[3].Samples));
        Assert.All(outcomes.SelectMany(o => GatewayServers.Outcomes(o)), o => Assert.False(o.StartsWith("failed:", StringComparison.Ordinal), o));

        var front = await PrometheusScrape.GetAsync(servers.FrontAddress);
        const string audio = "realtimeasr_audio_received_seconds_total";
        Assert.Equal(Seconds(clips[1].Samples), front.Sum(audio, $"realtimeasr_api_key={GatewayServers.KeyId(ServerFixture.ApiKey)}"), precision: 6);
        Assert.Equal(Seconds(clips[2].Samples) + Seconds(clips[3].Samples), front.Sum(audio, $"realtimeasr_api_key={GatewayServers.KeyId(otherKey)}"),
            precision: 6);
        Assert.Equal(1, front.Sum("realtimeasr_sessions_refused_total", "realtimeasr_refusal_reason=key_quota"));
        // Upstream, the gateway is one user: all of it counts for the gateway's key there.
        var backend = await PrometheusScrape.GetAsync(new Uri(servers.Backend!.Urls.First()));
        Assert.Equal(Seconds(clips[1].Samples) + Seconds(clips[2].Samples) + Seconds(clips[3].Samples),
            backend.Sum(audio, $"realtimeasr_api_key={GatewayServers.KeyId(GatewayServers.BackendKey)}"), precision: 6);
    }

    [Fact]
    public async Task A_gateway_starts_while_its_upstream_is_unreachable_and_fails_each_item_with_backend_unavailable()
    {
        // A loopback port nobody listens on.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var front = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:cloud:Type=qwen-realtime", $"--RealtimeAsr:Engines:cloud:Url=ws://127.0.0.1:{port}/api-ws/v1/realtime",
            "--RealtimeAsr:DefaultEngine=cloud");

        await using var client = await RawRealtimeClient.ConnectAsync(front.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        var events = await GatewayServers.TranscribeManuallyAsync(client, TestAudio.LibriVoxClips()[1].Samples);

        var failed = Assert.Single(events.Select(e => e.Event).OfType<TranscriptionFailedEvent>());
        Assert.Equal(ErrorCodes.BackendUnavailable, failed.Error.Code);
        Assert.Equal("The upstream recognition server could not be reached. The audio was not transcribed.", failed.Error.Message);
        Assert.Equal(EventTypes.SessionFinished, events[^1].Type);
    }

    [Fact]
    public async Task An_upstream_that_does_not_answer_fails_the_item_with_backend_timeout_and_is_replaced()
    {
        await using var upstream = await SilentUpstream.StartAsync();
        await using var front = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:cloud:Type=qwen-realtime", $"--RealtimeAsr:Engines:cloud:Url={upstream.Endpoint}",
            "--RealtimeAsr:Engines:cloud:ResultTimeout=00:00:01", "--RealtimeAsr:DefaultEngine=cloud");

        await using var client = await RawRealtimeClient.ConnectAsync(front.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        var clip = TestAudio.LibriVoxClips()[1].Samples;
        var events = await GatewayServers.TranscribeManuallyAsync(client, clip, clip);

        var failed = events.Select(e => e.Event).OfType<TranscriptionFailedEvent>().ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, f => Assert.Equal(ErrorCodes.BackendTimeout, f.Error.Code));
        Assert.Equal("The upstream recognition server did not return the transcript within 1 s.", failed[0].Error.Message);
        // A result still owed could be taken for the next item's: the second item had an upstream session of its own.
        Assert.Equal(2, upstream.Sessions);
    }

    [Theory]
    [InlineData("--RealtimeAsr:Engines:cloud:Model=qwen3-asr-flash-realtime", "RealtimeAsr:Engines:cloud (qwen-realtime): Url is required: the upstream's realtime endpoint")]
    [InlineData("--RealtimeAsr:Engines:cloud:Url=ws://asr-backend.internal:8080/api-ws/v1/realtime",
        "RealtimeAsr:Engines:cloud (qwen-realtime): Refusing to send the API key in clear text to asr-backend.internal")]
    public async Task A_gateway_without_an_upstream_or_that_would_send_its_key_in_clear_text_fails_start_up(string url, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:cloud:Type=qwen-realtime", "--RealtimeAsr:Engines:cloud:ApiKey=sk-upstream", url, "--RealtimeAsr:DefaultEngine=cloud"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-upstream", error.Message, StringComparison.Ordinal);
    }

    private static List<string> TypesWithoutPartials(IEnumerable<RawRealtimeClient.ReceivedEvent> events) =>
        events.Select(e => e.Type).Where(t => t != EventTypes.TranscriptionText).ToList();

    private static double Seconds(short[] samples) => samples.Length / 16000.0;

    /// <summary>Appends <paramref name="audio"/> in Manual mode and commits it; returns the item's outcome.</summary>
    private static async Task<IReadOnlyList<string>> CommitAsync(RawRealtimeClient client, short[] audio)
    {
        await client.AppendChunkedAsync(TestAudio.ToBytes(audio));
        await client.CommitAsync();
        List<RawRealtimeClient.ReceivedEvent> events = [];
        do
        {
            events.Add(await client.ReceiveAsync());
        }
        while (events[^1].Type is not (EventTypes.TranscriptionCompleted or EventTypes.TranscriptionFailed));

        return GatewayServers.Outcomes(events);
    }

    private static async Task<string> MintClientSecretAsync(Uri server, string key)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Post, ClientSecretsEndpoint.Path)
        {
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key) },
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("value").GetString()!;
    }
}
