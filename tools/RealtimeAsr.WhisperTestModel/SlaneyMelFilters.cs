namespace RealtimeAsr.WhisperTestModel;

/// <summary>
/// The mel filterbank Whisper was trained with: librosa's <c>filters.mel(sr=16000, n_fft=400, n_mels=80)</c> with its
/// defaults (Slaney's mel scale, linear below 1 kHz and logarithmic above; each triangle area-normalised, "slaney"
/// norm). openai/whisper ships exactly these as <c>mel_filters.npz</c>; recomputing them keeps the test model's front
/// end the real one, so its encoder sees real log-mel features.
/// </summary>
internal static class SlaneyMelFilters
{
    public const int SampleRate = 16000;
    public const int FftSize = 400;
    public const int Bins = FftSize / 2 + 1;

    /// <summary>Row-major [bands, <see cref="Bins"/>] weights, as the ggml file stores them.</summary>
    public static float[] Create(int bands)
    {
        var fftFrequencies = new double[Bins];
        for (var k = 0; k < Bins; k++)
        {
            fftFrequencies[k] = k * (double)SampleRate / FftSize;
        }

        // bands + 2 points evenly spaced in mel between 0 Hz and Nyquist: band m spans points m .. m + 2.
        var maxMel = HzToMel(SampleRate / 2.0);
        var points = new double[bands + 2];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = MelToHz(maxMel * i / (bands + 1));
        }

        var weights = new float[bands * Bins];
        for (var m = 0; m < bands; m++)
        {
            double lower = points[m], centre = points[m + 1], upper = points[m + 2];
            var norm = 2.0 / (upper - lower);
            for (var k = 0; k < Bins; k++)
            {
                var rising = (fftFrequencies[k] - lower) / (centre - lower);
                var falling = (upper - fftFrequencies[k]) / (upper - centre);
                weights[m * Bins + k] = (float)(Math.Max(0.0, Math.Min(rising, falling)) * norm);
            }
        }

        return weights;
    }

    private const double LinearStep = 200.0 / 3;      // Hz per mel below the break
    private const double BreakHz = 1000.0;
    private const double BreakMel = BreakHz / LinearStep; // 15
    private static readonly double s_logStep = Math.Log(6.4) / 27.0;

    private static double HzToMel(double hz) =>
        hz < BreakHz ? hz / LinearStep : BreakMel + Math.Log(hz / BreakHz) / s_logStep;

    private static double MelToHz(double mel) =>
        mel < BreakMel ? mel * LinearStep : BreakHz * Math.Exp(s_logStep * (mel - BreakMel));
}
