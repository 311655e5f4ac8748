using Microsoft.Extensions.AI;
using RealtimeAsr.Client.Tests.Integration;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Client.Tests.SpeechToText;

/// <summary>The ISpeechToTextClient adapter against the real server, through Microsoft.Extensions.AI's own helpers.</summary>
[Collection(RealServer.Name)]
public sealed class AdapterRealServerTests(ServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task ToSpeechToTextResponseAsync_combines_the_updates_into_the_finals_as_GetTextAsync_returns_them()
    {
        var (pcm, reference) = Speech.Clips(2);
        using var speechToText = RealServer.Client(server).AsSpeechToTextClient();
        var options = new SpeechToTextOptions { SpeechLanguage = "en" };

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in speechToText.GetStreamingTextAsync(new MemoryStream(pcm), options))
        {
            updates.Add(update);
        }

        var combined = updates.ToSpeechToTextResponse();
        var viaHelper = await speechToText.GetStreamingTextAsync(new MemoryStream(pcm), options).ToSpeechToTextResponseAsync();
        var direct = await speechToText.GetTextAsync(new MemoryStream(pcm), options);

        var finals = updates.Select(u => u.RawRepresentation).OfType<TranscriptionCompletedEvent>().Select(c => c.Transcript.Trim()).ToList();
        output.WriteLine($"finals:   {string.Join(" | ", finals)}\ncombined: {combined.Text}\nhelper:   {viaHelper.Text}\ndirect:   {direct.Text}");
        Assert.Equal(2, finals.Count);
        Assert.Contains(updates, u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdating && u.AdditionalProperties!["text"] is string { Length: > 0 });
        Assert.Equal(string.Join(" ", finals), combined.Text);
        Assert.Equal(direct.Text, viaHelper.Text);
        Assert.Equal(combined.Text, direct.Text);
        Assert.StartsWith("sess_", viaHelper.ResponseId, StringComparison.Ordinal);
        var wer = WordErrorRate.Compute(reference, combined.Text);
        output.WriteLine($"WER {wer:P1}");
        Assert.True(wer < Speech.WerBound, $"WER {wer:P1}: partials repeated into the text?");
    }

    [Fact]
    public async Task An_8kHz_wav_is_sent_at_its_own_rate_and_transcribed()
    {
        var clips = TestAudio.LibriVoxClips().Take(2).ToList();
        var reference = string.Join(" ", clips.Select(c => c.Transcript));
        var samples8k = TestAudio.ResampleWithSox(TestAudio.Join(clips.Select(c => c.Samples), gapMs: 1000), 8000);
        var wav = WavBuilder.Build(8000, 1, 16, TestAudio.ToBytes(samples8k));
        using var speechToText = RealServer.Client(server).AsSpeechToTextClient();

        var response = await speechToText.GetTextAsync(new MemoryStream(wav), new SpeechToTextOptions { SpeechLanguage = "en" });

        var wer = WordErrorRate.Compute(reference, response.Text);
        output.WriteLine($"8 kHz WAV: {response.Text}\nWER {wer:P1}");
        Assert.True(wer < Speech.WerBound, $"WER {wer:P1}");
    }

    [Fact]
    public async Task Headerless_pcm_is_sent_in_the_session_format()
    {
        var (pcm, reference) = Speech.Clips(2);
        using var speechToText = RealServer.Client(server).AsSpeechToTextClient();

        var response = await speechToText.GetTextAsync(new NonSeekableStream(pcm), new SpeechToTextOptions { SpeechLanguage = "en", SpeechSampleRate = 16000 });

        var wer = WordErrorRate.Compute(reference, response.Text);
        output.WriteLine($"raw PCM: {response.Text}\nWER {wer:P1}");
        Assert.True(wer < Speech.WerBound, $"WER {wer:P1}");
    }

    [Fact]
    public async Task A_request_whose_only_utterance_fails_throws_and_streaming_reports_the_failure()
    {
        // A steady tone committed in Manual mode: the engine finds no words and the server fails the utterance.
        var tone = Enumerable.Range(0, 32000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000))).ToArray();
        using var speechToText = RealServer.Client(server).AsSpeechToTextClient(new TranscriptionSessionOptions { TurnDetection = null });

        var exception = await Assert.ThrowsAsync<RealtimeAsrException>(() => speechToText.GetTextAsync(new MemoryStream(TestAudio.ToBytes(tone))));
        var combined = await speechToText.GetStreamingTextAsync(new MemoryStream(TestAudio.ToBytes(tone))).ToSpeechToTextResponseAsync();

        output.WriteLine(exception.Message);
        Assert.Contains(ErrorCodes.AudioUnintelligible, exception.Message, StringComparison.Ordinal);
        Assert.Equal("", combined.Text);
        Assert.Equal(ErrorCodes.AudioUnintelligible, Assert.Single(combined.Contents.OfType<ErrorContent>()).ErrorCode);
    }

    /// <summary>A request body: reads forward only.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
