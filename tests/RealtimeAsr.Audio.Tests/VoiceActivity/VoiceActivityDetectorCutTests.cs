using RealtimeAsr.Audio.Tests.Support;
using static RealtimeAsr.Audio.Tests.Support.ScriptedDetection;

namespace RealtimeAsr.Audio.Tests.VoiceActivity;

/// <summary>
/// <see cref="VoiceActivityOptions.MaxSpeechDurationMs"/>: long speech is cut at a pause and goes on as a new utterance,
/// with scripted probabilities per 512-sample frame (start 0.6, continue 0.45). The limit is 1000 ms, 16000 samples.
/// </summary>
public sealed class VoiceActivityDetectorCutTests
{
    private const int Frame = 512;
    private static readonly VoiceActivityOptions s_oneSecond = new() { MaxSpeechDurationMs = 1000 };

    [Fact]
    public void Speech_longer_than_the_limit_is_cut_at_its_first_pause_after_it_and_goes_on_from_the_cut()
    {
        // Speech from frame 2, a dip at frame 20 (before the limit, no cut), another at frame 37 (after it: the cut).
        var (detector, recorder) = Create(Probabilities((2, 0f), (18, 0.9f), (1, 0.3f), (16, 0.9f), (1, 0.3f), (10, 0.9f), (40, 0f)));
        var audio = Ramp(90 * Frame);

        detector.Process(audio, recorder);

        Assert.Equal(2, recorder.Utterances.Count);
        var (first, second) = (recorder.Utterances[0], recorder.Utterances[1]);
        Assert.Equal(2 * Frame, first.Start);
        Assert.Equal(38 * Frame, first.End);
        Assert.Equal(38 * Frame, first.AudioStart + first.Audio.Count);
        Assert.Equal(38 * Frame, second.Start);
        Assert.Equal(38 * Frame, second.AudioStart);
        // The second reaches the limit in its trailing silence, at the end of frame 69, and is cut there, before the
        // silence timer would have stopped it.
        Assert.Equal(70 * Frame, second.End);
        AssertAudioIsInput(first, audio);
        AssertAudioIsInput(second, audio);
    }

    [Fact]
    public void Speech_without_a_pause_is_cut_at_one_and_a_half_times_the_limit()
    {
        // From frame 2, 24000 samples (1.5 s) are reached at the end of frame 48.
        var (detector, recorder) = Create(Probabilities((2, 0f), (60, 0.9f), (40, 0f)));
        var audio = Ramp(102 * Frame);

        detector.Process(audio, recorder);

        Assert.Equal(2, recorder.Utterances.Count);
        var (first, second) = (recorder.Utterances[0], recorder.Utterances[1]);
        Assert.Equal(49 * Frame, first.End);
        Assert.Equal(49 * Frame, second.Start);
        Assert.Equal(81 * Frame, second.End);
        AssertAudioIsInput(first, audio);
        AssertAudioIsInput(second, audio);
        Assert.Equal(first.AudioStart + first.Audio.Count, second.AudioStart);
    }

    [Fact]
    public void A_cut_at_a_pause_that_lasts_ends_the_speech_there_and_later_speech_starts_as_usual()
    {
        // Speech from frame 2 to 39, then silence: the first silent frame after the limit is the cut; new speech at 100.
        var (detector, recorder) = Create(Probabilities((2, 0f), (38, 0.9f), (60, 0f), (10, 0.9f), (40, 0f)));
        var audio = Ramp(150 * Frame);

        detector.Process(audio.AsSpan(0, 99 * Frame), recorder);
        var first = Assert.Single(recorder.Utterances);
        Assert.Equal(41 * Frame, first.End);
        Assert.False(detector.InSpeech);

        detector.Process(audio.AsSpan(99 * Frame), recorder);
        Assert.Equal(2, recorder.Utterances.Count);
        var second = recorder.Utterances[1];
        Assert.Equal(100 * Frame, second.Start);
        Assert.Equal((100 * Frame) - 4800, second.AudioStart);
        AssertAudioIsInput(first, audio);
        AssertAudioIsInput(second, audio);
    }

    [Fact]
    public void A_flush_after_a_cut_reports_nothing_more()
    {
        var (detector, recorder) = Create(Probabilities((2, 0f), (38, 0.9f), (5, 0f)));

        detector.Process(Ramp(45 * Frame), recorder);

        Assert.False(detector.Flush(recorder));
        Assert.Equal(41 * Frame, Assert.Single(recorder.Utterances).End);
    }

    [Fact]
    public void Without_a_limit_long_speech_stays_one_utterance()
    {
        var (detector, recorder) = Create(Probabilities((2, 0f), (400, 0.9f), (40, 0f)), new VoiceActivityOptions());

        detector.Process(Ramp(442 * Frame), recorder);

        Assert.Equal(402 * Frame, Assert.Single(recorder.Utterances).End);
    }

    private static (VoiceActivityDetector Detector, SegmentRecorder Recorder) Create(float[] probabilities, VoiceActivityOptions? options = null) =>
        ScriptedDetection.Create(probabilities, options ?? s_oneSecond);
}
