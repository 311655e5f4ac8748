namespace RealtimeAsr.Audio;

/// <summary>
/// Per-stream speech probability for fixed-size frames of 16 kHz audio, fed in order. Stateful and not thread-safe.
/// <see cref="SileroVadEstimator"/> is the production implementation; tests may substitute their own.
/// </summary>
public interface ISpeechProbabilityEstimator : IDisposable
{
    /// <summary>Samples in one frame.</summary>
    int FrameSamples { get; }

    /// <summary>Probability in [0, 1] that <paramref name="frame"/> (exactly <see cref="FrameSamples"/> samples) is speech.</summary>
    float Estimate(ReadOnlySpan<short> frame);

    /// <summary>Forgets the audio heard so far, as if a new stream began.</summary>
    void Reset();
}
