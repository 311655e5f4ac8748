namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>A <see cref="VoiceActivityDetector"/> on scripted speech probabilities, and the audio to feed it.</summary>
internal static class ScriptedDetection
{
    /// <summary>A detector that reads <paramref name="probabilities"/> (one per frame) and a recorder of what it reports.</summary>
    public static (VoiceActivityDetector Detector, SegmentRecorder Recorder) Create(float[] probabilities, VoiceActivityOptions? options = null)
    {
        var detector = new VoiceActivityDetector(new ScriptedEstimator(probabilities), options);
        return (detector, new SegmentRecorder(detector));
    }

    /// <summary>Runs of frames with one probability each, e.g. <c>(10, 0f), (20, 0.9f)</c>.</summary>
    public static float[] Probabilities(params (int Frames, float Probability)[] runs) =>
        runs.SelectMany(run => Enumerable.Repeat(run.Probability, run.Frames)).ToArray();

    /// <summary>Distinct sample values, so that misplaced audio shows.</summary>
    public static short[] Ramp(int samples) => Enumerable.Range(0, samples).Select(i => (short)(i % 30000)).ToArray();

    /// <summary>The utterance's audio is exactly the input from where it says it starts.</summary>
    public static void AssertAudioIsInput(SegmentRecorder.Utterance utterance, short[] input) =>
        Assert.Equal(input.AsSpan((int)utterance.AudioStart, utterance.Audio.Count).ToArray(), utterance.Audio.ToArray());
}
