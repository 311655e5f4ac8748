using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A front server whose engine is <c>openai</c>, configured by settings alone, pointed at a second RealtimeAsr server's
/// <c>/v1/audio/transcriptions</c> (PocketSphinx behind it), or at a stand-in of the test's own where a real backend will
/// not misbehave on cue: the words equal the backend's, a backend that goes away fails items and is used again once it
/// is back, a slow one times out, a refused key and bad settings say so.
/// </summary>
[Collection(OwnServers.Name)]
public sealed class OpenAIEngineServerTests
{
    private const string Prefix = "--RealtimeAsr:Engines:remote:";
    private const string ManualSession = """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""";
    private static readonly TimeSpan s_itemBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task In_Manual_mode_each_transcript_is_the_backends_transcript_of_the_same_audio()
    {
        await using var backend = await ConfiguredServer.StartAsync();
        await using var front = await StartFrontAsync(ApiRoot(backend));
        await using var client = await ConnectManualAsync(front);

        foreach (var clip in TestAudio.LibriVoxClips().Take(3))
        {
            var item = Assert.IsType<TranscriptionCompletedEvent>(await TranscribeAsync(client, clip.Samples));

            // A committed buffer is one window of exactly these samples, sent as one WAV: the backend's own words for it.
            var expected = await BackendTranscriptAsync(backend, clip.Samples);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, item.Transcript);
            Assert.Equal("en", item.Language);
        }
    }

    [Fact]
    public async Task In_VAD_mode_partials_and_finals_are_made_of_the_backends_words()
    {
        await using var backend = await ConfiguredServer.StartAsync();
        // A relay in between keeps every request the front sent and the backend's answer to it.
        var exchanges = new ConcurrentQueue<(byte[] Request, string Answer)>();
        using var http = new HttpClient();
        await using var relay = await StandInBackend.StartAsync(async context =>
        {
            using var request = new MemoryStream();
            await context.Request.Body.CopyToAsync(request, context.RequestAborted);
            using var forward = new HttpRequestMessage(HttpMethod.Post, ApiRoot(backend) + "/audio/transcriptions")
            {
                Content = new ByteArrayContent(request.ToArray()),
            };
            forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType!);
            forward.Headers.Authorization = AuthenticationHeaderValue.Parse(context.Request.Headers.Authorization.ToString());
            using var answer = await http.SendAsync(forward, context.RequestAborted);
            var body = await answer.Content.ReadAsStringAsync(context.RequestAborted);
            exchanges.Enqueue((request.ToArray(), body));
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        await using var front = await StartFrontAsync(relay.BaseUrl);
        await using var client = await RawRealtimeClient.ConnectAsync(front.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        var clips = TestAudio.LibriVoxClips();
        var spoken = new[] { clips[0], clips[2] };

        var audio = TestAudio.ToBytes(TestAudio.Join([.. spoken.Select(c => c.Samples), TestAudio.Silence(1500)], gapMs: 1500));

        // In real time, so that partial decodes run while the speaker speaks.
        await client.AppendInRealTimeAsync(audio);
        await client.FinishAsync();
        var items = EventSequenceAssert.Utterances(await client.ReceiveUntilAsync(EventTypes.SessionFinished, s_itemBound), serverVad: true);

        var said = exchanges.Select(e => Text(e.Answer)).ToList();
        Assert.Equal(spoken.Length, items.Count);
        Assert.Contains(items, item => item.Partials.Count > 1);
        for (var i = 0; i < items.Count; i++)
        {
            // The final is the backend's answer to one of the front's requests, word for word ...
            var final = exchanges.LastOrDefault(e => Normalized(Text(e.Answer)) == Normalized(items[i].Transcript));
            Assert.NotNull(final.Request);
            // ... whose file is a stretch of the client's own samples, unchanged: the VAD's utterance (its pre-roll and
            // trailing silence make it differ from the clip, and PocketSphinx's words with it, so the clip alone is no
            // reference) ...
            var sent = UploadedSamples(final.Request);
            var at = audio.AsSpan().IndexOf(TestAudio.ToBytes(sent));
            Assert.True(at >= 0 && at % 2 == 0, "the request's audio is not a stretch of what the client sent");
            Assert.True(sent.Length >= spoken[i].Samples.Length / 2, $"{sent.Length} samples for a clip of {spoken[i].Samples.Length}");
            // ... and which the backend, asked directly, transcribes the same.
            Assert.Equal(await BackendTranscriptAsync(backend, sent), items[i].Transcript);
            // Every word of every preview is the word at that place in one of the backend's answers: partials re-decode
            // the growing utterance, and the agreement between two answers only chooses which of their words to show.
            foreach (var partial in items[i].Partials)
            {
                var words = WordErrorRate.Words(partial.Text + partial.Stash);
                for (var w = 0; w < words.Length; w++)
                {
                    Assert.Contains(said, answer => WordErrorRate.Words(answer) is var a && a.Length > w && a[w] == words[w]);
                }
            }
        }
    }

    [Fact]
    public async Task Items_fail_with_backend_unavailable_while_the_backend_is_down_and_complete_again_once_it_is_back()
    {
        var backend = await ConfiguredServer.StartAsync();
        var address = backend.Urls.First();
        try
        {
            // A quick breaker, so that the test also sees the circuit open and close again.
            await using var front = await StartFrontAsync(ApiRoot(backend), Prefix + "CircuitBreaker:MinimumThroughput=2",
                Prefix + "CircuitBreaker:BreakDuration=00:00:01", Prefix + "RetryDelay=00:00:00.1");
            await using var client = await ConnectManualAsync(front);
            var clips = TestAudio.LibriVoxClips();
            Assert.IsType<TranscriptionCompletedEvent>(await TranscribeAsync(client, clips[1].Samples));

            await backend.StopAsync();
            await backend.DisposeAsync();
            var failures = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var failed = Assert.IsType<TranscriptionFailedEvent>(await TranscribeAsync(client, clips[1].Samples));
                Assert.Equal(ErrorCodes.BackendUnavailable, failed.Error.Code);
                Assert.StartsWith("The backend of engine 'remote' ", failed.Error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(address, failed.Error.Message, StringComparison.Ordinal);
                failures.Add(failed.Error.Message);
            }

            // The refused connections opened the circuit: later tries failed at once without reaching for the backend.
            Assert.Contains("The backend of engine 'remote' failed repeatedly and is given a rest; it is tried again shortly.", failures);

            // Back on the same address: items may fail at once while the circuit rests, then one gets through.
            backend = await ConfiguredServer.StartAsync("--urls", address);
            TranscriptionCompletedEvent? completed = null;
            for (var attempt = 0; attempt < 30 && completed is null; attempt++)
            {
                switch (await TranscribeAsync(client, clips[4].Samples))
                {
                    case TranscriptionCompletedEvent done:
                        completed = done;
                        break;
                    case TranscriptionFailedEvent failed:
                        Assert.Equal(ErrorCodes.BackendUnavailable, failed.Error.Code);
                        await Task.Delay(200);
                        break;
                }
            }

            Assert.NotNull(completed);
            Assert.Equal(await BackendTranscriptAsync(backend, clips[4].Samples), completed.Transcript);
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_backend_slower_than_the_timeout_fails_the_item_with_backend_timeout_and_the_session_goes_on()
    {
        var answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;
        await using var slow = await StandInBackend.StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            // Holds the answer until the test lets it go or the front gives up on it.
            await answering.Task.WaitAsync(context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"text":"in time"}""");
        });
        await using var front = await StartFrontAsync(slow.BaseUrl, Prefix + "Timeout=00:00:01", Prefix + "Retries=0");
        await using var client = await ConnectManualAsync(front);
        var clip = TestAudio.LibriVoxClips()[1];

        var failed = Assert.IsType<TranscriptionFailedEvent>(await TranscribeAsync(client, clip.Samples));
        Assert.Equal(ErrorCodes.BackendTimeout, failed.Error.Code);
        Assert.Equal("The backend of engine 'remote' did not answer within 1 s.", failed.Error.Message);
        Assert.Equal(1, Volatile.Read(ref requests));

        answering.SetResult();
        var completed = Assert.IsType<TranscriptionCompletedEvent>(await TranscribeAsync(client, clip.Samples));
        Assert.Equal("in time", completed.Transcript);
    }

    [Fact]
    public async Task A_backend_that_refuses_the_key_fails_the_item_with_backend_unauthorized_and_the_key_stays_on_the_server()
    {
        var backend = await ConfiguredServer.StartAsync();
        var address = backend.Urls.First();
        try
        {
            await using var front = await StartFrontAsync(ApiRoot(backend));
            await using var client = await ConnectManualAsync(front);

            // The backend's operator rotates its keys; this server still sends the old one.
            await backend.StopAsync();
            await backend.DisposeAsync();
            backend = await ConfiguredServer.StartAsync("--urls", address, "--RealtimeAsr:ApiKeys:0=rotated-key-7c1e");
            var failed = Assert.IsType<TranscriptionFailedEvent>(await TranscribeAsync(client, TestAudio.LibriVoxClips()[1].Samples));

            Assert.Equal(ErrorCodes.BackendUnauthorized, failed.Error.Code);
            Assert.Equal("The backend of engine 'remote' refused this server's key (HTTP 401); the server's operator must fix its ApiKey.", failed.Error.Message);
            Assert.DoesNotContain(client.Received, e => e.Json.Contains(ServerFixture.ApiKey, StringComparison.Ordinal));
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_backend_that_is_down_at_start_up_does_not_stop_the_server_and_its_items_fail_with_backend_unavailable()
    {
        // Nothing listens on the discard port of loopback.
        await using var front = await StartFrontAsync("http://127.0.0.1:9/v1", Prefix + "Retries=0");
        await using var client = await ConnectManualAsync(front);

        var failed = Assert.IsType<TranscriptionFailedEvent>(await TranscribeAsync(client, TestAudio.LibriVoxClips()[1].Samples));

        Assert.Equal(ErrorCodes.BackendUnavailable, failed.Error.Code);
        Assert.Equal("The backend of engine 'remote' cannot be reached (the connection failed).", failed.Error.Message);
    }

    [Theory]
    [InlineData("", "qwen3-asr-flash-realtime", "RealtimeAsr:Engines:remote:BaseUrl is required: the backend's OpenAI API root, e.g. http://vllm:8000/v1.")]
    [InlineData("vllm:8000/v1", "qwen3-asr-flash-realtime", "RealtimeAsr:Engines:remote:BaseUrl 'vllm:8000/v1' is not an http:// or https:// address without a query, e.g. http://vllm:8000/v1.")]
    [InlineData("http://127.0.0.1:9/v1", "", "RealtimeAsr:Engines:remote:Model is required: the backend's model name, sent as 'model' (e.g. Qwen/Qwen3-ASR-1.7B for vLLM).")]
    public async Task A_missing_or_bad_setting_fails_start_up_with_one_line_naming_it(string baseUrl, string model, string message)
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync(
            Prefix + "Type=openai", Prefix + "BaseUrl=" + baseUrl, Prefix + "Model=" + model, "--RealtimeAsr:DefaultEngine=remote"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task A_setting_out_of_range_fails_start_up_naming_it()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => StartFrontAsync("http://127.0.0.1:9/v1", Prefix + "MaxConcurrentRequests=0"));

        Assert.Equal("RealtimeAsr:Engines:remote:MaxConcurrentRequests is 0; it must be 1 or more.", error.Message);
    }

    [Fact]
    public async Task A_backend_that_refuses_the_key_or_does_not_serve_the_model_at_start_up_fails_it()
    {
        await using var backend = await ConfiguredServer.StartAsync();

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => StartFrontAsync(ApiRoot(backend), Prefix + "ApiKey=wrong-key"));
        var unknown = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => StartFrontAsync(ApiRoot(backend), Prefix + "Model=no-such-model"));

        Assert.Equal(
            $"engine 'remote' (openai): the backend at {ApiRoot(backend)} refused this server's key (HTTP 401) when asked for its models: set ApiKey to a key it accepts.",
            refused.Message);
        Assert.StartsWith($"engine 'remote' (openai): the backend at {ApiRoot(backend)} does not serve model 'no-such-model'; it serves: ", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(ServerFixture.Model, unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A front server whose default engine is the <c>openai</c> engine <c>remote</c>, set up by settings alone.</summary>
    private static Task<WebApplication> StartFrontAsync(string baseUrl, params string[] settings) =>
        ConfiguredServer.StartAsync(
        [
            Prefix + "Type=openai", Prefix + "BaseUrl=" + baseUrl, Prefix + "Model=" + ServerFixture.Model,
            Prefix + "ApiKey=" + ServerFixture.ApiKey,
            // What the backend (PocketSphinx) transcribes; the front reports it as every item's language.
            Prefix + "Languages:0=en",
            "--RealtimeAsr:DefaultEngine=remote", .. settings,
        ]);

    private static string ApiRoot(WebApplication server) => server.Urls.First() + "/v1";

    private static async Task<RawRealtimeClient> ConnectManualAsync(WebApplication front)
    {
        var client = await RawRealtimeClient.ConnectAsync(front.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        await client.UpdateAsync(ManualSession);
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        return client;
    }

    /// <summary>Sends one item in Manual mode and returns how it ended: <c>.completed</c> or <c>.failed</c>.</summary>
    private static async Task<ServerEvent> TranscribeAsync(RawRealtimeClient client, short[] samples)
    {
        await client.AppendChunkedAsync(TestAudio.ToBytes(samples));
        await client.CommitAsync();
        while (true)
        {
            var received = (await client.ReceiveAsync(s_itemBound)).Event;
            if (received is TranscriptionCompletedEvent or TranscriptionFailedEvent)
            {
                return received;
            }
        }
    }

    /// <summary>The backend's own <c>/v1/audio/transcriptions</c> answer for <paramref name="samples"/> as a WAV file.</summary>
    private static async Task<string> BackendTranscriptAsync(WebApplication backend, short[] samples)
    {
        using var response = await OpenAITranscriptionClient.PostAsync(new Uri(backend.Urls.First()), AudioFiles.Wav16k(samples), ("model", ServerFixture.Model));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!;
    }

    private static string Normalized(string text) => string.Join(' ', WordErrorRate.Words(text));

    private static string Text(string answer) => JsonDocument.Parse(answer).RootElement.GetProperty("text").GetString()!;

    /// <summary>The samples of the WAV file inside a multipart request the front sent (its canonical 44-byte header).</summary>
    private static short[] UploadedSamples(byte[] request)
    {
        var riff = request.AsSpan().IndexOf("RIFF"u8);
        Assert.True(riff >= 0, "no WAV file in the request");
        var length = BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(riff + 40));
        return TestAudio.ToSamples(request.AsSpan(riff + 44, length));
    }
}
