namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// A snapshot of PocketSphinx's live cepstral mean normalisation (sphinxbase's <c>cmn_t</c>): the mean subtracted
/// from every frame, and the running sum and count of frames it is re-estimated from. What one session's utterance
/// leaves for the next, so a session adapts to its channel (level, microphone) as the stock tool does within a file.
/// Immutable: the arrays are never written after construction.
/// </summary>
internal sealed class CepstralMeanState
{
    // sphinxbase's CMN_WIN and CMN_WIN_HWM: past the high-water mark the running sum decays to this many frames.
    private const int Window = 500;
    private const int HighWaterMark = 800;

    private CepstralMeanState(float[] mean, float[] sum, int frameCount)
    {
        Mean = mean;
        Sum = sum;
        FrameCount = frameCount;
    }

    /// <summary>The mean subtracted from every frame until PocketSphinx updates it.</summary>
    public float[] Mean { get; }

    /// <summary>The running sum of normalised frames, the prior included.</summary>
    public float[] Sum { get; }

    /// <summary>The number of frames <see cref="Sum"/> counts, the prior's included.</summary>
    public int FrameCount { get; }

    /// <summary>
    /// <paramref name="mean"/> as a prior worth <paramref name="frames"/> frames (<c>cmn_live_set</c> counts it as 500;
    /// <c>ps_init</c> with the en-us model's <c>-cmn batch</c> as none, so the first update replaces it).
    /// </summary>
    public static CepstralMeanState Prior(float[] mean, int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return new CepstralMeanState((float[])mean.Clone(), [.. mean.Select(value => value * frames)], frames);
    }

    /// <summary>
    /// The state after PocketSphinx's end-of-utterance update (<c>cmn_live_update</c>) of a running
    /// <paramref name="sum"/> over <paramref name="frames"/> frames: the mean re-estimated, the sum decayed to
    /// 500 frames once it counts more than 800. <paramref name="mean"/> is kept when no frame was counted.
    /// </summary>
    public static CepstralMeanState Updated(ReadOnlySpan<float> mean, ReadOnlySpan<float> sum, int frames)
    {
        if (frames <= 0)
        {
            return new CepstralMeanState(mean.ToArray(), sum.ToArray(), frames);
        }

        var newMean = new float[sum.Length];
        var newSum = sum.ToArray();
        for (var i = 0; i < newMean.Length; i++)
        {
            newMean[i] = sum[i] / frames;
        }

        if (frames > HighWaterMark)
        {
            var decay = (float)Window / frames;
            for (var i = 0; i < newSum.Length; i++)
            {
                newSum[i] *= decay;
            }

            frames = Window;
        }

        return new CepstralMeanState(newMean, newSum, frames);
    }
}
