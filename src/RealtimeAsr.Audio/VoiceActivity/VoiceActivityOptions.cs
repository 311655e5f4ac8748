using System.Globalization;

namespace RealtimeAsr.Audio;

/// <summary>
/// Settings of a <see cref="VoiceActivityDetector"/>. <see cref="Threshold"/> and <see cref="SilenceDurationMs"/> are the
/// protocol's <c>turn_detection.threshold</c> and <c>turn_detection.silence_duration_ms</c>, with the protocol's ranges.
/// </summary>
public sealed class VoiceActivityOptions
{
    public const double MinThreshold = -1;
    public const double MaxThreshold = 1;
    public const int MinSilenceDurationMs = 200;
    public const int MaxSilenceDurationMs = 6000;
    public const int MaxPreRollMs = 2000;
    public const int MaxMinSpeechDurationMs = 1000;
    public const int MinMaxSpeechDurationMs = 1000;

    // Bounds of the start probability, so that no threshold turns the detector always on or always off.
    private const double LowestStartProbability = 0.05;
    private const double HighestStartProbability = 0.95;
    private const double LowestContinueProbability = 0.01;

    /// <summary>
    /// Sensitivity in [-1, 1]; lower detects quieter speech (and more noise). Default 0.2; the low-latency preset uses 0.0.
    /// Mapped to a speech probability by <see cref="StartProbabilityFor"/>: 0.2 starts speech at p ≥ 0.6, 0.0 at p ≥ 0.5.
    /// </summary>
    public double Threshold { get; set; } = 0.2;

    /// <summary>Silence that ends an utterance, in milliseconds, in [200, 6000]. Default 800. Measured in 32 ms frames, rounded up.</summary>
    public int SilenceDurationMs { get; set; } = 800;

    /// <summary>Audio before the detected speech start given with it, in milliseconds, in [0, 2000]. Default 300.</summary>
    public int PreRollMs { get; set; } = 300;

    /// <summary>
    /// Speech (frames at or above the continue probability, the first at or above the start probability) needed before
    /// speech is reported, in milliseconds, in [0, 1000], rounded up to whole 32 ms frames (at least one). Default 64:
    /// a single loud click does not start an utterance.
    /// </summary>
    public int MinSpeechDurationMs { get; set; } = 64;

    /// <summary>
    /// How far below the start probability speech may dip and still continue, in [0, 0.5]. Default 0.15, as in Silero's own
    /// iterator: an utterance continues while p ≥ start probability − hysteresis.
    /// </summary>
    public double Hysteresis { get; set; } = 0.15;

    /// <summary>
    /// Longest utterance, in milliseconds, measured from its start; 0 (the default) for no limit, else at least 1000.
    /// Once an utterance is this long it is cut at its first pause, the first frame below the continue probability,
    /// however short (speech continuing after a pause shorter than <see cref="SilenceDurationMs"/> would otherwise
    /// keep it open); with no pause before one and a half times this length, it is cut there anyway. The cut ends the
    /// utterance at the end of that frame, and speech that follows within <see cref="SilenceDurationMs"/> continues as a
    /// new utterance that starts exactly there, so that no audio is lost or repeated (see
    /// <see cref="ISpeechSegmentSink"/>).
    /// </summary>
    public int MaxSpeechDurationMs { get; set; }

    /// <summary>Speech probability at which speech starts: <see cref="StartProbabilityFor"/> of <see cref="Threshold"/>.</summary>
    public double StartProbability => StartProbabilityFor(Threshold);

    /// <summary>Speech probability at or above which an utterance continues: the start probability minus <see cref="Hysteresis"/>.</summary>
    public double ContinueProbability => Math.Max(StartProbability - Hysteresis, LowestContinueProbability);

    /// <summary>
    /// Maps a protocol threshold in [-1, 1] linearly onto a speech probability, clamped to [0.05, 0.95]:
    /// p = (threshold + 1) / 2. Monotonic, so a lower threshold never detects less speech.
    /// </summary>
    public static double StartProbabilityFor(double threshold) =>
        Math.Clamp((threshold + 1) / 2, LowestStartProbability, HighestStartProbability);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        // Written so that NaN fails too.
        if (!(Threshold >= MinThreshold && Threshold <= MaxThreshold))
        {
            throw OutOfRange(nameof(Threshold), Threshold, $"[{MinThreshold}, {MaxThreshold}]");
        }

        if (SilenceDurationMs is < MinSilenceDurationMs or > MaxSilenceDurationMs)
        {
            throw OutOfRange(nameof(SilenceDurationMs), SilenceDurationMs, $"[{MinSilenceDurationMs}, {MaxSilenceDurationMs}] ms");
        }

        if (PreRollMs is < 0 or > MaxPreRollMs)
        {
            throw OutOfRange(nameof(PreRollMs), PreRollMs, $"[0, {MaxPreRollMs}] ms");
        }

        if (MinSpeechDurationMs is < 0 or > MaxMinSpeechDurationMs)
        {
            throw OutOfRange(nameof(MinSpeechDurationMs), MinSpeechDurationMs, $"[0, {MaxMinSpeechDurationMs}] ms");
        }

        if (MaxSpeechDurationMs != 0 && MaxSpeechDurationMs < MinMaxSpeechDurationMs)
        {
            throw OutOfRange(nameof(MaxSpeechDurationMs), MaxSpeechDurationMs, $"[{MinMaxSpeechDurationMs}, {int.MaxValue}] ms, or 0 (no limit),");
        }

        if (!(Hysteresis >= 0 && Hysteresis <= 0.5))
        {
            throw OutOfRange(nameof(Hysteresis), Hysteresis, "[0, 0.5]");
        }
    }

    /// <summary>A copy, so that a detector is not affected by later changes to the instance it was given.</summary>
    public VoiceActivityOptions Clone() => (VoiceActivityOptions)MemberwiseClone();

    private static ArgumentOutOfRangeException OutOfRange(string name, object value, string range) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be in {range}."));
}
