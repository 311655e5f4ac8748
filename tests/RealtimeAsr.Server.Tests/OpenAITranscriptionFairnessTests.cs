using System.Net.Http.Headers;
using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A long upload cannot starve a live talker: the file's session takes one worker slot at a time, a second of audio per
/// slot, like any live session, so a Qwen session that starts while a long file is being transcribed still gets its
/// partials and its final before the file is done.
/// </summary>
public sealed class OpenAITranscriptionFairnessTests(ITestOutputHelper output)
{
    /// <summary>
    /// How far the live final may drift from the same clip's transcript on an idle server (word error rate between the
    /// two). Both go through the same path, so they match when nothing is lost: measured 0. A clipped or dropped
    /// utterance would be far off.
    /// </summary>
    private const double LiveDriftBound = 0.15;

    private const int Repeats = 4;

    [Fact]
    public async Task A_live_session_gets_its_partials_and_final_while_a_long_file_is_transcribed()
    {
        // A server of its own, so that nothing else competes for its workers. What is tested is the sharing of the
        // workers, not the ending of a stalled utterance: in a test process other tests can hold the live client up.
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:Limits:MaxSessions=10",
            "--RealtimeAsr:Session:IdleUtteranceTimeout=00:01:00");
        var address = new Uri(app.Urls.First());
        var clip = TestAudio.LibriVoxClips()[0];
        using var solo = await OpenAITranscriptionClient.PostAsync(address, AudioFiles.Wav16k(clip.Samples), ("model", ServerFixture.Model),
            ("response_format", "text"));
        var alone = (await solo.Content.ReadAsStringAsync()).Trim();
        var recording = SpeechSamples.LibriVoxRecording();
        var longFile = AudioFiles.Wav16k([.. Enumerable.Repeat(recording, Repeats).SelectMany(r => r)]);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(longFile), "file", "long.wav" },
            { new StringContent(ServerFixture.Model), "model" },
            { new StringContent("true"), "stream" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/v1/audio/transcriptions")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var upload = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The upload's events, read as they come; the file is being recognised once its first segment arrives.
        var uploadEvents = new List<string>();
        var firstDelta = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            string type;
            do
            {
                type = await NextEventTypeAsync(upload);
                lock (uploadEvents)
                {
                    uploadEvents.Add(type);
                }

                firstDelta.TrySetResult();
            }
            while (type == "transcript.text.delta");
        });
        await firstDelta.Task;

        await using var live = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        var receiving = live.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, TimeSpan.FromMinutes(2));
        // As a microphone would: 100 ms at a time, in real time, then a second and a half of silence to end the turn.
        var latestChunk = await live.AppendInRealTimeAsync(TestAudio.ToBytes([.. clip.Samples, .. TestAudio.Silence(1500)]));

        var events = await receiving;
        List<string> uploadSoFar;
        lock (uploadEvents)
        {
            uploadSoFar = [.. uploadEvents];
        }

        var partials = events.Count(e => e.Type == EventTypes.TranscriptionText);
        var final = events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().Single().Transcript;
        var drift = WordErrorRate.Compute(alone, final);
        output.WriteLine($"live: chunks sent up to {latestChunk.TotalMilliseconds:F0} ms late, {partials} partials, final '{final}'; alone: '{alone}'; drift {drift:P1}; the upload had sent {uploadSoFar.Count} events by then");
        Assert.True(partials > 0, "no partial while the file was transcribed");
        Assert.NotEmpty(alone);
        Assert.True(drift <= LiveDriftBound, $"drift {drift:P1}: '{final}' against '{alone}'");
        // The file was still being transcribed when the live final came.
        Assert.DoesNotContain("transcript.text.done", uploadSoFar);

        // And it is complete in the end.
        await reading;
        Assert.Equal([.. Enumerable.Repeat("transcript.text.delta", Repeats * TestAudio.LibriVoxClips().Count), "transcript.text.done"], uploadEvents);
    }

    private static async Task<string> NextEventTypeAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("type").GetString()!;
            }
        }

        return "(end of stream)";
    }
}
