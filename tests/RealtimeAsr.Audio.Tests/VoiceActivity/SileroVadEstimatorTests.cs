using System.Diagnostics;
using RealtimeAsr.Audio.Tests.Support;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Audio.Tests.VoiceActivity;

[Collection(SharedSileroVadModel.Name)]
public sealed class SileroVadEstimatorTests(SileroVadModelFixture fixture, ITestOutputHelper output)
{
    private const int Frame = SileroVadModel.FrameSamples;

    [Fact]
    public void Speech_scores_high_and_silence_low()
    {
        var speech = TestAudio.LibriVoxClips()[1].Samples;
        var (start, end) = Signal.ActiveRange(speech);
        short[] audio = [.. new short[16000], .. speech];
        var probabilities = Probabilities(fixture.Model, audio);

        var silence = probabilities.Take(16000 / Frame).ToList();
        var inSpeech = probabilities.Skip((16000 + start) / Frame + 2).Take((end - start) / Frame - 4).ToList();
        output.WriteLine($"silence: max {silence.Max():F3}; speech: mean {inSpeech.Average():F3}");
        Assert.True(silence.Max() < 0.1);
        Assert.True(inSpeech.Average() > 0.8);
    }

    [Fact]
    public void Estimators_sharing_the_model_on_several_threads_agree_with_one_alone()
    {
        var audio = TestAudio.LibriVoxClips()[2].Samples;
        var expected = Probabilities(fixture.Model, audio);

        var results = new float[4][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Probabilities(fixture.Model, audio));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Reset_restarts_the_stream()
    {
        var audio = TestAudio.LibriVoxClips()[4].Samples;
        using var estimator = fixture.Model.CreateEstimator();
        var first = Estimate(estimator, audio);

        estimator.Reset();

        Assert.Equal(first, Estimate(estimator, audio));
    }

    [Fact]
    public void Frames_must_be_512_samples()
    {
        using var estimator = fixture.Model.CreateEstimator();
        Assert.Throws<ArgumentException>(() => estimator.Estimate(new short[480]));
    }

    [Fact]
    public void A_file_that_is_not_the_model_is_rejected()
    {
        Assert.Throws<FileNotFoundException>(() => new SileroVadModel("/nonexistent/silero_vad_v6.onnx"));
    }

    [Fact]
    public void Cost_per_32_ms_frame()
    {
        var audio = TestAudio.LibriVoxClips()[0].Samples;
        using var estimator = fixture.Model.CreateEstimator();
        Estimate(estimator, audio.AsSpan(0, 50 * Frame));

        var frames = audio.Length / Frame;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        Estimate(estimator, audio.AsSpan(0, frames * Frame));
        stopwatch.Stop();
        var bytesPerFrame = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)frames;

        var microseconds = stopwatch.Elapsed.TotalMicroseconds / frames;
        output.WriteLine($"Silero VAD: {microseconds:F0} µs and {bytesPerFrame:F0} managed bytes per 32 ms frame ({frames} frames, one thread)");
        // Generous: a busy 2-core test machine must not fail this; the point is to report the number.
        Assert.True(microseconds < 5000, $"{microseconds:F0} µs per frame");
    }

    private static float[] Probabilities(SileroVadModel model, short[] audio)
    {
        using var estimator = model.CreateEstimator();
        return Estimate(estimator, audio);
    }

    private static float[] Estimate(SileroVadEstimator estimator, ReadOnlySpan<short> audio)
    {
        var probabilities = new float[audio.Length / Frame];
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = estimator.Estimate(audio.Slice(i * Frame, Frame));
        }

        return probabilities;
    }
}
