using System.Globalization;
using OpenAI.Audio;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The official OpenAI .NET SDK (2.15.0), unchanged but for its endpoint, transcribes real speech files over
/// <c>POST /v1/audio/transcriptions</c>: plain, verbose with segment times, and streamed; every accepted file format
/// gives the words the same audio gives through the Qwen protocol.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class OpenAITranscriptionSdkTests(ServerFixture server, ITestOutputHelper output)
{
    /// <summary>
    /// How far a converted file's words may drift from the 16 kHz WAV's (word error rate between the two transcripts).
    /// Resampling and MP3 coding change the audio slightly, so a word or two of a clip may change; 8 kHz loses the upper
    /// band, which AudioInputTests measures at 0.30 drift over the five clips.
    /// </summary>
    private const double ConversionDriftBound = 0.25;

    private static short[] Clip => TestAudio.ReadWav(AudioFiles.Clip0870).Samples;

    [Fact]
    public async Task Json_transcript_has_the_words_the_qwen_protocol_gives()
    {
        var recording = SpeechSamples.LibriVoxRecording();
        var qwen = await OpenAITranscriptionClient.QwenTranscriptAsync(server, recording);

        var result = await TranscribeAsync(AudioFiles.Wav16k(recording), AudioTranscriptionFormat.Simple);

        output.WriteLine($"openai: {result.Text}\nqwen:   {qwen}");
        Assert.NotEmpty(qwen);
        Assert.Equal(qwen, result.Text);
    }

    [Fact]
    public async Task Text_format_is_the_plain_transcript()
    {
        var json = await TranscribeAsync(File.ReadAllBytes(AudioFiles.Clip0870), AudioTranscriptionFormat.Simple);
        var text = await TranscribeAsync(File.ReadAllBytes(AudioFiles.Clip0870), AudioTranscriptionFormat.Text);

        Assert.NotEmpty(json.Text);
        Assert.Equal(json.Text + "\n", text.Text);
    }

    [Fact]
    public async Task Verbose_segments_have_increasing_times_within_the_file()
    {
        var recording = SpeechSamples.LibriVoxRecording();
        var duration = TimeSpan.FromSeconds(recording.Length / 16000.0);

        var result = await TranscribeAsync(AudioFiles.Wav16k(recording), AudioTranscriptionFormat.Verbose, AudioTimestampGranularities.Segment);

        Assert.Equal(duration.TotalSeconds, result.Duration!.Value.TotalSeconds, 2);
        Assert.Equal("en", result.Language);
        // One segment per clip: the recording puts a second of silence between them.
        Assert.Equal(TestAudio.LibriVoxClips().Count, result.Segments.Count);
        var previousEnd = TimeSpan.Zero;
        foreach (var segment in result.Segments)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{segment.StartTime.TotalSeconds:F2}-{segment.EndTime.TotalSeconds:F2} {segment.Text}"));
            Assert.True(segment.StartTime >= previousEnd, $"segment at {segment.StartTime} starts before the previous one's end {previousEnd}");
            Assert.True(segment.EndTime > segment.StartTime);
            Assert.True(segment.EndTime <= duration);
            Assert.NotEmpty(segment.Text);
            previousEnd = segment.EndTime;
        }

        Assert.Equal(result.Text, string.Join(' ', result.Segments.Select(s => s.Text)));
    }

    [Fact]
    public async Task Streaming_sends_a_delta_per_segment_then_the_whole_text()
    {
        var recording = SpeechSamples.LibriVoxRecording();
        var plain = await TranscribeAsync(AudioFiles.Wav16k(recording), AudioTranscriptionFormat.Simple);
        using var audio = new MemoryStream(AudioFiles.Wav16k(recording));

        List<string> deltas = [];
        string? done = null;
        // The SDK marks its streaming transcription as evaluation-only (OPENAI001).
#pragma warning disable OPENAI001
        var updates = await OpenAITranscriptionClient.Sdk(server.HttpAddress).TranscribeAudioStreamingAsync(audio, "speech.wav");
        await foreach (var update in updates)
        {
            switch (update)
            {
                case StreamingAudioTranscriptionTextDeltaUpdate delta:
                    Assert.Null(done);
                    deltas.Add(delta.Delta);
                    break;
                case StreamingAudioTranscriptionTextDoneUpdate final:
                    done = final.Text;
                    break;
            }
        }
#pragma warning restore OPENAI001

        Assert.Equal(TestAudio.LibriVoxClips().Count, deltas.Count);
        Assert.Equal(plain.Text, done);
        Assert.Equal(done, string.Concat(deltas));
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public async Task Wav_at_other_rates_in_24_bit_stereo_gives_the_words_of_16_kHz_mono(int rate)
    {
        var reference = await TranscribeAsync(File.ReadAllBytes(AudioFiles.Clip0870), AudioTranscriptionFormat.Simple);
        var converted = AudioFiles.Convert(AudioFiles.Clip0870, "wav", "-r", rate.ToString(CultureInfo.InvariantCulture), "-c", "2", "-b", "24");

        var result = await TranscribeAsync(converted, AudioTranscriptionFormat.Simple);

        AssertSameWords(reference.Text, result.Text, ConversionDriftBound);
    }

    /// <summary>
    /// 8 kHz loses everything above 4 kHz, so its words are not quite the 16 kHz file's, and the engine recognises
    /// narrowband audio with a setup of its own. What must hold is that a narrowband file is heard as a narrowband live
    /// session is (handed over as 8 kHz PCM, not upsampled first, which once made this clip "when there are one"): the
    /// words of the Qwen protocol's <c>sample_rate: 8000</c> for the very same samples (the file is those samples in two
    /// channels of 24 bits, which the decoder turns back into them exactly).
    /// </summary>
    [Fact]
    public async Task Wav_at_8_kHz_in_24_bit_stereo_gives_the_words_of_a_live_8_kHz_session()
    {
        var narrowband = TestAudio.ResampleWithSox(Clip, 8000);
        var qwen = await OpenAITranscriptionClient.QwenTranscriptAsync(server, narrowband, sampleRate: 8000);
        var file = AudioFiles.Wav(narrowband, 8000, "-c", "2", "-b", "24");

        var result = await TranscribeAsync(file, AudioTranscriptionFormat.Simple);

        output.WriteLine($"live 8 kHz: {qwen}\nfile:       {result.Text}");
        Assert.NotEmpty(qwen);
        Assert.Equal(qwen, result.Text);
    }

    [Fact]
    public async Task Mp3_gives_the_words_of_the_wav()
    {
        var reference = await TranscribeAsync(File.ReadAllBytes(AudioFiles.Clip0870), AudioTranscriptionFormat.Simple);

        var result = await TranscribeAsync(File.ReadAllBytes(AudioFiles.Mp3Sample), AudioTranscriptionFormat.Simple);

        AssertSameWords(reference.Text, result.Text, ConversionDriftBound);
    }

    [Fact]
    public async Task Ogg_opus_gives_the_words_of_the_wav()
    {
        var reference = await TranscribeAsync(File.ReadAllBytes(AudioFiles.Clip0870), AudioTranscriptionFormat.Simple);

        var result = await TranscribeAsync(TestAudio.EncodeOggOpus(Clip), AudioTranscriptionFormat.Simple);

        AssertSameWords(reference.Text, result.Text, ConversionDriftBound);
    }

    private void AssertSameWords(string reference, string actual, double bound)
    {
        var drift = WordErrorRate.Compute(reference, actual);
        output.WriteLine($"reference: {reference}\nactual:    {actual}\ndrift {drift:P1}");
        Assert.NotEmpty(reference);
        Assert.True(drift <= bound, $"drift {drift:P1}");
    }

    private async Task<AudioTranscription> TranscribeAsync(byte[] file, AudioTranscriptionFormat format,
        AudioTimestampGranularities granularities = AudioTimestampGranularities.Default)
    {
        using var audio = new MemoryStream(file);
        var result = await OpenAITranscriptionClient.Sdk(server.HttpAddress).TranscribeAudioAsync(audio, "speech.wav",
            new AudioTranscriptionOptions { ResponseFormat = format, TimestampGranularities = granularities });
        return result.Value;
    }
}
