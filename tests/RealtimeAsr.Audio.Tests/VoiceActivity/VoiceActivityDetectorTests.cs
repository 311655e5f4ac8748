using System.Globalization;
using RealtimeAsr.Audio.Tests.Support;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Audio.Tests.VoiceActivity;

/// <summary>Segmentation of real speech (espeak-ng, LibriVox) with the Silero model.</summary>
[Collection(SharedSileroVadModel.Name)]
public sealed class VoiceActivityDetectorTests(SileroVadModelFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] s_sentences =
    [
        "The quick brown fox jumps over the lazy dog.",
        "Please call me back after lunch.",
        "It is going to rain tomorrow morning.",
        "Thank you very much.",
    ];

    [Fact]
    public void Espeak_sentences_a_second_apart_are_found_at_the_right_times()
    {
        var (audio, truth) = Place(s_sentences.Select(s => TestAudio.Speak(s)), gapMs: 1000);

        var utterances = Detect(audio, new VoiceActivityOptions());

        Assert.Equal(s_sentences.Length, utterances.Count);
        ReportAndCheckTiming("espeak-ng, 1 s gaps", utterances, truth, maxStartErrorMs: 100, maxEndErrorMs: 150);
    }

    [Fact]
    public void LibriVox_clips_joined_with_one_second_gaps_give_five_utterances()
    {
        var clips = TestAudio.LibriVoxClips().Select(c => c.Samples).ToList();
        var (clean, _) = Place(clips, gapMs: 1000);
        // Quiet room noise (-50 dBFS) instead of digital silence between the clips.
        var audio = Signal.Mix(clean, Signal.Noise(clean.Length, 100, seed: 5));

        var utterances = Detect(audio, new VoiceActivityOptions());

        // The recordings' own noise floor is too high to time speech by energy; each utterance must lie within its clip.
        Assert.Equal(5, utterances.Count);
        var clipStart = 16000;
        foreach (var (utterance, clip) in utterances.Zip(clips))
        {
            output.WriteLine($"clip [{clipStart / 16} ms, {(clipStart + clip.Length) / 16} ms]: utterance {utterance}");
            Assert.InRange(utterance.Start, clipStart, clipStart + 8000);
            Assert.InRange(utterance.End!.Value, clipStart + clip.Length - 8000, clipStart + clip.Length + 1024);
            clipStart += clip.Length + 16000;
        }
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void Silence_and_low_noise_contain_no_speech(double threshold)
    {
        var options = new VoiceActivityOptions { Threshold = threshold };
        foreach (var rms in new[] { 0.0, 30, 100, 300 })
        {
            var audio = rms == 0 ? new short[5 * 16000] : Signal.Noise(5 * 16000, rms, seed: (int)rms);
            Assert.Empty(Detect(audio, options));
        }
    }

    [Fact]
    public void A_lower_threshold_never_detects_less_speech()
    {
        // Speech in noise loud enough (-30 dBFS) that thresholds disagree.
        var clips = TestAudio.LibriVoxClips().Skip(1).Take(2).Select(c => c.Samples);
        var (clean, _) = Place(clips, gapMs: 700);
        var audio = Signal.Mix(clean, Signal.Noise(clean.Length, 1000, seed: 11));

        List<SegmentRecorder.Utterance>? higher = null;
        foreach (var threshold in new[] { 0.8, 0.5, 0.2, 0.0, -0.3, -0.6, -0.9 })
        {
            // Very low thresholds take this much noise for speech: end whatever is left at the end of the audio.
            var utterances = Detect(audio, new VoiceActivityOptions { Threshold = threshold, SilenceDurationMs = 400 }, flushAtEnd: true);
            output.WriteLine($"threshold {threshold,5}: {utterances.Count} utterances, {Covered(utterances) / 16} ms of speech: {string.Join(' ', utterances)}");
            if (higher is not null)
            {
                foreach (var utterance in higher)
                {
                    Assert.Contains(utterances, u => u.Start <= utterance.Start && u.End >= utterance.End);
                }
            }

            higher = utterances;
        }
    }

    [Theory]
    [InlineData(400, 2)]
    [InlineData(800, 1)]
    public void A_600_ms_pause_splits_only_when_the_silence_duration_is_shorter(int silenceDurationMs, int expectedUtterances)
    {
        var first = TestAudio.Speak(s_sentences[1]);
        var second = TestAudio.Speak(s_sentences[3]);
        // The clips carry some silence of their own: leave 600 ms between the end of one's speech and the other's start.
        var trailing = first.Length - Signal.ActiveRange(first).End;
        var leading = Signal.ActiveRange(second).Start;
        var gap = new short[(600 * 16) - trailing - leading];
        short[] audio = [.. new short[8000], .. first, .. gap, .. second, .. new short[16000]];

        var utterances = Detect(audio, new VoiceActivityOptions { SilenceDurationMs = silenceDurationMs });

        Assert.Equal(expectedUtterances, utterances.Count);
    }

    [Fact]
    public void Each_utterance_carries_its_pre_roll_and_exactly_the_input_audio()
    {
        var (audio, _) = Place(s_sentences.Take(2).Select(s => TestAudio.Speak(s)), gapMs: 1000);
        var noisy = Signal.Mix(audio, Signal.Noise(audio.Length, 30, seed: 3));

        var utterances = Detect(noisy, new VoiceActivityOptions { PreRollMs = 300 });

        Assert.Equal(2, utterances.Count);
        foreach (var utterance in utterances)
        {
            Assert.Equal(utterance.Start - 4800, utterance.AudioStart);
            Assert.True(utterance.PreRollLength > 4800);
            Assert.Equal(noisy.AsSpan((int)utterance.AudioStart, utterance.Audio.Count).ToArray(), utterance.Audio.ToArray());
        }
    }

    [Fact]
    public void Chunk_sizes_do_not_change_the_result()
    {
        var (audio, _) = Place(s_sentences.Skip(2).Select(s => TestAudio.Speak(s)), gapMs: 900);
        var whole = Detect(audio, new VoiceActivityOptions());

        foreach (var maxChunk in new[] { 1, 100, 3000 })
        {
            using var detector = new VoiceActivityDetector(fixture.Model);
            var recorder = new SegmentRecorder(detector);
            foreach (var (offset, length) in Chunking.Random(audio.Length, maxChunk, seed: maxChunk))
            {
                detector.Process(audio.AsSpan(offset, length), recorder);
            }

            Assert.Equal(whole.Select(u => (u.Start, u.End, u.AudioStart)), recorder.Utterances.Select(u => (u.Start, u.End, u.AudioStart)));
            Assert.Equal(whole.Select(u => u.Audio.Count), recorder.Utterances.Select(u => u.Audio.Count));
        }
    }

    [Fact]
    public void After_reset_the_same_audio_gives_the_same_utterances()
    {
        var (audio, _) = Place(s_sentences.Take(2).Select(s => TestAudio.Speak(s)), gapMs: 1000);
        var fresh = Detect(audio, new VoiceActivityOptions());

        using var detector = new VoiceActivityDetector(fixture.Model);
        detector.Process(audio.AsSpan(0, 40_000), new SegmentRecorder(detector));
        Assert.True(detector.InSpeech);
        detector.Reset();
        Assert.False(detector.InSpeech);
        var recorder = new SegmentRecorder(detector);
        detector.Process(audio, recorder);

        Assert.Equal(fresh.Select(u => (u.Start + 40_000, u.End + 40_000)), recorder.Utterances.Select(u => (u.Start, u.End)));
    }

    [Fact]
    public void Flush_ends_speech_cut_off_mid_sentence()
    {
        var speech = TestAudio.Speak(s_sentences[0]);
        using var detector = new VoiceActivityDetector(fixture.Model);
        var recorder = new SegmentRecorder(detector);
        var cut = Signal.ActiveRange(speech).Start + 16000;

        detector.Process(speech.AsSpan(0, cut), recorder);
        Assert.True(detector.InSpeech);
        Assert.True(detector.Flush(recorder));

        var utterance = Assert.Single(recorder.Utterances);
        Assert.InRange(utterance.End!.Value, cut - 1600, cut);
    }

    private List<SegmentRecorder.Utterance> Detect(short[] audio, VoiceActivityOptions options, bool flushAtEnd = false)
    {
        using var detector = new VoiceActivityDetector(fixture.Model, options);
        var recorder = new SegmentRecorder(detector);
        detector.Process(audio, recorder);
        if (flushAtEnd)
        {
            detector.Flush(recorder);
        }

        Assert.False(detector.InSpeech, "the audio ends in silence, so every utterance should have stopped");
        return recorder.Utterances;
    }

    // Joins the clips with gaps and returns where each one's speech is.
    private static (short[] Audio, List<(int Start, int End)> Truth) Place(IEnumerable<short[]> clips, int gapMs)
    {
        var gap = new short[gapMs * 16];
        var audio = new List<short>(gap);
        var truth = new List<(int, int)>();
        foreach (var clip in clips)
        {
            var (start, end) = Signal.ActiveRange(clip);
            truth.Add((audio.Count + start, audio.Count + end));
            audio.AddRange(clip);
            audio.AddRange(gap);
        }

        return (audio.ToArray(), truth);
    }

    private void ReportAndCheckTiming(string name, List<SegmentRecorder.Utterance> utterances, List<(int Start, int End)> truth, int maxStartErrorMs, int maxEndErrorMs)
    {
        var startErrors = utterances.Zip(truth, (u, t) => (u.Start - t.Start) / 16.0).ToList();
        var endErrors = utterances.Zip(truth, (u, t) => ((u.End ?? 0) - t.End) / 16.0).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: start error ms {string.Join(' ', startErrors)} (mean {startErrors.Average():F0}); end error ms {string.Join(' ', endErrors)} (mean {endErrors.Average():F0})"));
        Assert.All(startErrors, e => Assert.InRange(e, -maxStartErrorMs, maxStartErrorMs));
        Assert.All(endErrors, e => Assert.InRange(e, -maxEndErrorMs, maxEndErrorMs));
    }

    private static long Covered(List<SegmentRecorder.Utterance> utterances) => utterances.Sum(u => (u.End ?? 0) - u.Start);
}
