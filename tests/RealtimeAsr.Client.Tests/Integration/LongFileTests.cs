using System.Diagnostics;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>
/// A long recording sent as fast as possible: the server is still recognising long after <c>session.finish</c>, so
/// finishing must wait for as long as results keep coming, not for a fixed time.
/// </summary>
[Collection(RealServer.Name)]
public sealed class LongFileTests(ServerFixture server, ITestOutputHelper output)
{
    // The LibriVox clips, in turn, until the recording is this long.
    private static readonly TimeSpan s_length = TimeSpan.FromMinutes(2);

    // Far shorter than the recognition that follows session.finish (25-60 s for two minutes of audio on 2 cores), and
    // longer than any pause between two server events even on a loaded machine. A fixed deadline from session.finish
    // (the old behaviour) fails here.
    private static readonly TimeSpan s_finishTimeout = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_long_recording_sent_at_full_speed_delivers_every_final_with_a_short_finish_timeout()
    {
        var clips = TestAudio.LibriVoxClips();
        var parts = new List<short[]>();
        var utterances = 0;
        for (var samples = 0L; samples < s_length.TotalSeconds * 16000; utterances++)
        {
            var clip = clips[utterances % clips.Count];
            parts.Add(clip.Samples);
            samples += clip.Samples.Length + 16000;
        }

        var pcm = TestAudio.ToBytes(TestAudio.Join(parts, gapMs: 1000));
        var client = new RealtimeAsrClient(new RealtimeAsrClientOptions
        {
            Endpoint = server.RealtimeEndpoint,
            ApiKey = ServerFixture.ApiKey,
            FinishTimeout = s_finishTimeout,
        });

        var finals = new List<TranscriptionResult>();
        var clock = Stopwatch.StartNew();
        var sentAt = TimeSpan.Zero;
        var progress = new SynchronousProgress(sent =>
        {
            if (sent == pcm.Length)
            {
                sentAt = clock.Elapsed;
            }
        });
        await foreach (var result in client.TranscribeAsync(new MemoryStream(pcm), new TranscriptionSessionOptions { Language = "en" }, new AudioStreamingOptions { Progress = progress }))
        {
            if (result.Kind == TranscriptionResultKind.Final)
            {
                finals.Add(result);
            }
        }

        // Not asserted (timings are noisy), but it shows the test is meaningful: finishing took longer than the timeout.
        output.WriteLine($"{pcm.Length / 32000.0:0} s of audio, {utterances} utterances; all sent after {sentAt.TotalSeconds:0.0} s, "
            + $"session.finished after {clock.Elapsed.TotalSeconds:0.0} s ({(clock.Elapsed - sentAt).TotalSeconds:0.0} s of finishing, timeout {s_finishTimeout.TotalSeconds} s)");
        Assert.Equal(utterances, finals.Count);
        Assert.All(finals, final => Assert.False(string.IsNullOrWhiteSpace(final.Text)));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
