using System.Runtime.InteropServices;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// Measures a session's recording level from the start of its first utterance, while the decoder decodes that audio
/// from the configured mean. The audio goes to PocketSphinx in 10 ms pieces, and what each piece adds to the running
/// CMN sum's c0 (log energy) is kept. The level is the mean c0 of the pieces within 20 dB of the loudest: the
/// pre-roll's background, pauses and digital silence (which PocketSphinx does count, with a c0 near 0) say nothing
/// about the speaker. Only c0 is measured: a microphone's gain shifts c0 alone, while half a second of speech is too
/// little to estimate the other coefficients, which follow the words more than the channel.
/// </summary>
internal sealed class CepstralMeanEstimate(int targetFrames)
{
    // One frame shift at 16 kHz: each piece adds about one frame.
    private const int PieceSamples = 160;

    // c0 moves 1.15 per dB of level (cards/001.wav at 0, -12 and -24 dB gave a mean c0 of 60.3, 46.5, 32.7).
    private const float LoudnessRange = 20 * 1.15f;

    // How far the loud frames' c0 lies above a whole utterance's mean c0: 14.5 on the tuning recordings, each
    // measured over its first 50 loud frames (9.8 to 17.6; docs/ACCURACY.md).
    private const float LoudFramesAboveMean = 14.5f;

    // PocketSphinx updates its mean (and decays the sum) past 800 frames; the pieces' sums are only valid before.
    private const int MaxFrames = 700;

    // Fewer loud frames than this (0.2 s) are too few to trust.
    private const int MinimumFrames = 20;

    private readonly List<short> _audio = [];
    private readonly List<(float C0Sum, int Frames)> _pieces = [];
    private float[] _sum = [];
    private int _frames = -1;

    /// <summary>The audio given so far, to decode again once the level is known.</summary>
    public ReadOnlySpan<short> Audio => CollectionsMarshal.AsSpan(_audio);

    /// <summary>How much of <see cref="Audio"/> the decoder has had; the rest came after the measurement's limit.</summary>
    public int FedSamples { get; private set; }

    /// <summary>
    /// Decodes <paramref name="samples"/> on <paramref name="decoder"/>, measuring as it goes; <see langword="true"/>
    /// once the loud frames reach the target (or PocketSphinx is about to update its mean).
    /// </summary>
    public bool Feed(PocketSphinxDecoder decoder, ReadOnlySpan<short> samples)
    {
        if (_frames < 0)
        {
            _sum = new float[decoder.InitialState.Mean.Length];
            _frames = decoder.ReadCepstralSum(_sum);
        }

        _audio.AddRange(samples);
        var c0 = _sum[0];
        for (var offset = 0; offset < samples.Length && _frames < MaxFrames; offset += PieceSamples)
        {
            var piece = samples.Slice(offset, Math.Min(PieceSamples, samples.Length - offset));
            decoder.Process(piece);
            FedSamples += piece.Length;
            var frames = decoder.ReadCepstralSum(_sum);
            if (frames > _frames)
            {
                _pieces.Add((_sum[0] - c0, frames - _frames));
                c0 = _sum[0];
                _frames = frames;
            }
        }

        // Audio not fed when the limit was reached is decoded after the restart, with the rest. Before speech, the
        // loudest pieces are background: enough loud frames count only once the level has spanned the range.
        return _frames >= MaxFrames || (LoudFrames(out _, out var range) >= targetFrames && range >= LoudnessRange);
    }

    /// <summary>
    /// <paramref name="start"/> with its c0 set to the measured level; <see langword="null"/> when too little speech
    /// was heard to measure it.
    /// </summary>
    public float[]? Apply(float[] start)
    {
        var frames = LoudFrames(out var c0Sum, out _);
        if (frames < MinimumFrames)
        {
            return null;
        }

        var mean = (float[])start.Clone();
        mean[0] = (c0Sum / frames) - LoudFramesAboveMean;
        return mean;
    }

    /// <summary>The frames within 20 dB of the loudest, their c0 sum, and the span of c0 between the pieces.</summary>
    private int LoudFrames(out float c0Sum, out float range)
    {
        var loudest = float.MinValue;
        var quietest = float.MaxValue;
        foreach (var (sum, count) in _pieces)
        {
            loudest = Math.Max(loudest, sum / count);
            quietest = Math.Min(quietest, sum / count);
        }

        range = loudest - quietest;
        var threshold = loudest - LoudnessRange;
        var frames = 0;
        c0Sum = 0;
        foreach (var (sum, count) in _pieces)
        {
            if (sum / count >= threshold)
            {
                frames += count;
                c0Sum += sum;
            }
        }

        return frames;
    }
}
