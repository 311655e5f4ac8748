using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>8 kHz PCM, Ogg Opus and odd append boundaries give the transcript of the same speech as 16 kHz PCM.</summary>
[Collection(SharedServer.Name)]
public sealed class AudioInputTests(ServerFixture server, ITestOutputHelper output)
{
    /// <summary>
    /// How far the transcript of 8 kHz audio may drift from the 16 kHz one, as word error rate between the two
    /// (LibriVox recording, 71 words). Narrowband audio loses everything above 4 kHz, and the engine's model is wideband:
    /// measured 0.30. 0.4 leaves about seven words of margin.
    /// </summary>
    private const double NarrowbandDriftBound = 0.4;

    /// <summary>The same for Ogg Opus at 32 kb/s, which is lossy but full band: measured about 0.1.</summary>
    private const double OpusDriftBound = 0.3;

    [Fact]
    public async Task Pcm_at_8_kHz_gives_the_same_transcript_as_16_kHz()
    {
        var speech = SpeechSamples.LibriVoxRecording();
        var reference = await TranscribeManualAsync(TestAudio.ToBytes(speech), "pcm", 16000);
        var narrowband = await TranscribeManualAsync(TestAudio.ToBytes(TestAudio.ResampleWithSox(speech, 8000)), "pcm", 8000);

        var drift = WordErrorRate.Compute(reference, narrowband);
        output.WriteLine($"16 kHz: {reference}\n 8 kHz: {narrowband}\ndrift {drift:P1}");
        Assert.True(drift < NarrowbandDriftBound, $"drift {drift:P1}");
    }

    [Fact]
    public async Task Ogg_opus_split_across_appends_gives_the_same_transcript_as_pcm()
    {
        var speech = SpeechSamples.LibriVoxRecording();
        var reference = await TranscribeManualAsync(TestAudio.ToBytes(speech), "pcm", 16000);
        var opus = await TranscribeManualAsync(TestAudio.EncodeOggOpus(speech), "opus", 16000, chunkBytes: 777);

        var drift = WordErrorRate.Compute(reference, opus);
        output.WriteLine($" pcm: {reference}\nopus: {opus}\ndrift {drift:P1}");
        Assert.True(drift < OpusDriftBound, $"drift {drift:P1}");
    }

    [Theory]
    [InlineData(3201)] // every append ends mid-sample
    [InlineData(1)]
    [InlineData(333)]
    public async Task Appends_split_at_odd_byte_boundaries_give_the_identical_transcript(int chunkBytes)
    {
        var speech = TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples);
        if (chunkBytes == 1)
        {
            speech = speech[..6401]; // one byte per append is slow: 200 ms (and a half sample) is enough to prove it.
        }

        var whole = await TranscribeManualAsync(speech, "pcm", 16000, chunkBytes: speech.Length);
        var split = await TranscribeManualAsync(speech, "pcm", 16000, chunkBytes);

        Assert.Equal(whole, split);
    }

    private async Task<string> TranscribeManualAsync(byte[] audio, string format, int sampleRate, int chunkBytes = 3200)
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync($$"""{"input_audio_format":"{{format}}","sample_rate":{{sampleRate}},"turn_detection":null}""");
        await client.AppendChunkedAsync(audio, chunkBytes);
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.Error);
        return string.Join(" ", events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().Select(c => c.Transcript));
    }
}
