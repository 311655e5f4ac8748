namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>Returns a scripted speech probability per frame (0 once the script runs out), to test segmentation exactly.</summary>
internal sealed class ScriptedEstimator(params float[] probabilities) : ISpeechProbabilityEstimator
{
    private int _frame;

    public int FrameSamples => 512;

    public int ResetCount { get; private set; }

    public bool Disposed { get; private set; }

    public float Estimate(ReadOnlySpan<short> frame)
    {
        Assert.Equal(FrameSamples, frame.Length);
        return _frame < probabilities.Length ? probabilities[_frame++] : 0;
    }

    public void Reset()
    {
        ResetCount++;
        _frame = 0;
    }

    public void Dispose() => Disposed = true;
}
