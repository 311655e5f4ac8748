using RealtimeAsr.Audio.Tests.Support;
using static RealtimeAsr.Audio.Tests.Support.ScriptedDetection;

namespace RealtimeAsr.Audio.Tests.VoiceActivity;

/// <summary>Segmentation rules, exactly, with scripted probabilities per 512-sample frame (defaults: start 0.6, continue 0.45).</summary>
public sealed class VoiceActivityDetectorLogicTests
{
    private const int Frame = 512;

    [Fact]
    public void Speech_starts_once_the_minimum_speech_has_been_heard_and_reports_its_first_frame()
    {
        var (detector, recorder) = Create(Probabilities((12, 0f), (1, 0.7f), (1, 0.5f), (20, 0.9f)));

        detector.Process(Ramp(13 * Frame), recorder);
        Assert.Empty(recorder.Utterances);
        detector.Process(Ramp(Frame), recorder);

        var utterance = Assert.Single(recorder.Utterances);
        Assert.Equal(12 * Frame, utterance.Start);
        // Speech is confirmed at the end of the second speech frame; the pre-roll reaches 300 ms before the first.
        Assert.Equal(14 * Frame, utterance.AudioStart + utterance.PreRollLength);
        Assert.Equal((12 * Frame) - 4800, utterance.AudioStart);
        Assert.True(detector.InSpeech);
    }

    [Fact]
    public void A_single_loud_frame_does_not_start_speech()
    {
        var (detector, recorder) = Create(Probabilities((3, 0f), (1, 0.99f), (1, 0.2f), (1, 0.99f), (10, 0f)));

        detector.Process(Ramp(16 * Frame), recorder);

        Assert.Empty(recorder.Utterances);
        Assert.False(detector.InSpeech);
    }

    [Fact]
    public void Speech_continues_through_dips_above_the_continue_probability_and_stops_after_the_silence_duration()
    {
        // Speech in frames 2–11 with a dip to 0.46 (above 0.45), then silence: 800 ms is exactly 25 frames.
        var (detector, recorder) = Create(Probabilities((2, 0f), (5, 0.9f), (1, 0.46f), (4, 0.9f), (40, 0.44f)));
        var audio = Ramp(60 * Frame);

        detector.Process(audio.AsSpan(0, (12 + 24) * Frame), recorder);
        Assert.True(detector.InSpeech);
        detector.Process(audio.AsSpan((12 + 24) * Frame), recorder);

        var utterance = Assert.Single(recorder.Utterances);
        Assert.Equal(2 * Frame, utterance.Start);
        Assert.Equal(12 * Frame, utterance.End);
        // All the trailing silence up to the stop was reported, then nothing more.
        Assert.Equal((12 + 25) * Frame, utterance.AudioStart + utterance.Audio.Count);
        AssertAudioIsInput(utterance, audio);
    }

    [Theory]
    [InlineData(200, 7)]
    [InlineData(400, 13)]
    [InlineData(6000, 188)]
    public void Silence_duration_rounds_up_to_whole_frames(int silenceMs, int frames)
    {
        var (detector, recorder) = Create(Probabilities((1, 0f), (3, 0.9f)), new VoiceActivityOptions { SilenceDurationMs = silenceMs });
        var audio = Ramp((4 + frames) * Frame);

        detector.Process(audio.AsSpan(0, audio.Length - 1), recorder);
        Assert.True(detector.InSpeech);
        detector.Process(audio.AsSpan(audio.Length - 1), recorder);

        Assert.False(detector.InSpeech);
        Assert.Equal(4 * Frame, Assert.Single(recorder.Utterances).End);
    }

    [Fact]
    public void Pre_roll_never_repeats_audio_given_to_the_previous_utterance()
    {
        // The second utterance starts 3 frames after the first stopped: its pre-roll is only those 3 frames, plus its own speech.
        var options = new VoiceActivityOptions { SilenceDurationMs = 200 };
        var (detector, recorder) = Create(Probabilities((1, 0f), (4, 0.9f), (7, 0f), (3, 0f), (4, 0.9f), (10, 0f)), options);
        var audio = Ramp(29 * Frame);

        detector.Process(audio, recorder);

        Assert.Equal(2, recorder.Utterances.Count);
        var (first, second) = (recorder.Utterances[0], recorder.Utterances[1]);
        Assert.Equal(first.AudioStart + first.Audio.Count, second.AudioStart);
        Assert.Equal(15 * Frame, second.Start);
        Assert.Equal((3 + 2) * Frame, second.PreRollLength);
        AssertAudioIsInput(first, audio);
        AssertAudioIsInput(second, audio);
    }

    [Fact]
    public void Zero_pre_roll_starts_the_audio_at_the_speech()
    {
        var (detector, recorder) = Create(Probabilities((10, 0f), (5, 0.9f)), new VoiceActivityOptions { PreRollMs = 0 });

        detector.Process(Ramp(15 * Frame), recorder);

        var utterance = Assert.Single(recorder.Utterances);
        Assert.Equal(utterance.Start, utterance.AudioStart);
        Assert.Equal(2 * Frame, utterance.PreRollLength);
    }

    [Fact]
    public void Flush_ends_an_utterance_in_progress_at_the_end_of_the_audio_or_of_the_speech()
    {
        var audio = Ramp(40 * Frame);

        var (speaking, recorder) = Create(Probabilities((2, 0f), (30, 0.9f)));
        speaking.Process(audio.AsSpan(0, (10 * Frame) + 100), recorder);
        Assert.True(speaking.Flush(recorder));
        Assert.False(speaking.InSpeech);
        Assert.False(speaking.Flush(recorder));
        var utterance = Assert.Single(recorder.Utterances);
        Assert.Equal((10 * Frame) + 100, utterance.End);
        AssertAudioIsInput(utterance, audio);

        var (pausing, pauseRecorder) = Create(Probabilities((2, 0f), (5, 0.9f), (10, 0f)));
        pausing.Process(audio.AsSpan(0, 12 * Frame), pauseRecorder);
        Assert.True(pausing.Flush(pauseRecorder));
        Assert.Equal(7 * Frame, Assert.Single(pauseRecorder.Utterances).End);
    }

    [Fact]
    public void Flush_without_speech_reports_nothing()
    {
        var (detector, recorder) = Create(Probabilities((10, 0f)));
        detector.Process(Ramp(5 * Frame), recorder);

        Assert.False(detector.Flush(recorder));
        Assert.Empty(recorder.Utterances);
    }

    [Fact]
    public void Audio_after_a_flush_is_not_reported_twice()
    {
        var (detector, recorder) = Create(Probabilities((2, 0f), (4, 0.9f), (3, 0f), (5, 0.9f)));
        var audio = Ramp(20 * Frame);

        detector.Process(audio.AsSpan(0, (6 * Frame) + 200), recorder);
        detector.Flush(recorder);
        detector.Process(audio.AsSpan((6 * Frame) + 200), recorder);

        Assert.Equal(2, recorder.Utterances.Count);
        Assert.Equal((6 * Frame) + 200, recorder.Utterances[1].AudioStart);
        AssertAudioIsInput(recorder.Utterances[1], audio);
    }

    [Fact]
    public void Update_applies_to_an_utterance_in_progress()
    {
        var (detector, recorder) = Create(Probabilities((2, 0f), (4, 0.9f), (100, 0f)), new VoiceActivityOptions { SilenceDurationMs = 6000 });
        var audio = Ramp(100 * Frame);

        detector.Process(audio.AsSpan(0, 40 * Frame), recorder);
        Assert.True(detector.InSpeech);
        detector.Update(new VoiceActivityOptions { SilenceDurationMs = 400 });
        Assert.Equal(400, detector.Options.SilenceDurationMs);
        detector.Process(audio.AsSpan(40 * Frame, Frame), recorder);

        Assert.False(detector.InSpeech);
        Assert.Equal(6 * Frame, Assert.Single(recorder.Utterances).End);
    }

    [Fact]
    public void Raising_the_threshold_ends_speech_that_no_longer_reaches_it()
    {
        var (detector, recorder) = Create(Probabilities((2, 0f), (200, 0.7f)), new VoiceActivityOptions { SilenceDurationMs = 200 });

        detector.Process(Ramp(10 * Frame), recorder);
        Assert.True(detector.InSpeech);
        detector.Update(new VoiceActivityOptions { Threshold = 0.8, SilenceDurationMs = 200 });
        detector.Process(Ramp(20 * Frame), recorder);

        Assert.False(detector.InSpeech);
        Assert.Equal(10 * Frame, Assert.Single(recorder.Utterances).End);
    }

    [Fact]
    public void Reset_forgets_the_utterance_and_the_model_state_but_keeps_the_clock()
    {
        var estimator = new ScriptedEstimator(Probabilities((2, 0f), (20, 0.9f)));
        using var detector = new VoiceActivityDetector(estimator);
        var recorder = new SegmentRecorder(detector);

        detector.Process(Ramp((6 * Frame) + 77), recorder);
        Assert.True(detector.InSpeech);
        detector.Reset();

        Assert.False(detector.InSpeech);
        Assert.Equal(1, estimator.ResetCount);
        Assert.Null(Assert.Single(recorder.Utterances).End);
        Assert.Equal((6 * Frame) + 77, detector.Position);

        // The script restarts: silence, then speech counted from the reset position, with no partial frame carried over.
        var afterReset = new SegmentRecorder(detector);
        detector.Process(Ramp(10 * Frame), afterReset);
        var utterance = Assert.Single(afterReset.Utterances);
        Assert.Equal((6 * Frame) + 77 + (2 * Frame), utterance.Start);
        Assert.Equal((6 * Frame) + 77, utterance.AudioStart);
    }

    [Fact]
    public void Reset_to_a_position_moves_the_clock()
    {
        var (detector, recorder) = Create(Probabilities((3, 0f), (5, 0.9f)));

        detector.Reset(1_000_000);
        detector.Process(Ramp(8 * Frame), recorder);

        Assert.Equal(1_000_000 + (8 * Frame), detector.Position);
        Assert.Equal(1_000_000 + (3 * Frame), Assert.Single(recorder.Utterances).Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Reset(-1));
    }

    [Fact]
    public void The_detector_owns_its_estimator()
    {
        var estimator = new ScriptedEstimator();
        var detector = new VoiceActivityDetector(estimator);

        detector.Dispose();

        Assert.True(estimator.Disposed);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        using var estimator = new ScriptedEstimator();
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoiceActivityDetector(estimator, new VoiceActivityOptions { SilenceDurationMs = 100 }));
    }
}
