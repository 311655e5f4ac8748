namespace RealtimeAsr.Protocol;

/// <summary>Effective server-VAD settings of a session.</summary>
/// <param name="Threshold">Sensitivity in [-1, 1]; lower is more sensitive.</param>
/// <param name="SilenceDurationMs">Silence in milliseconds, in [200, 6000], that ends an utterance.</param>
public sealed record TurnDetectionSettings(double Threshold, int SilenceDurationMs)
{
    /// <summary>Lowest accepted threshold.</summary>
    public const double MinThreshold = -1;

    /// <summary>Highest accepted threshold.</summary>
    public const double MaxThreshold = 1;

    /// <summary>Shortest accepted silence duration.</summary>
    public const int MinSilenceDurationMs = 200;

    /// <summary>Longest accepted silence duration.</summary>
    public const int MaxSilenceDurationMs = 6000;

    /// <summary>The documented default, also the "balanced" preset: threshold 0.2, 800 ms.</summary>
    public static TurnDetectionSettings Balanced { get; } = new(0.2, 800);

    /// <summary>The documented "low latency" preset: threshold 0.0, 400 ms.</summary>
    public static TurnDetectionSettings LowLatency { get; } = new(0.0, 400);
}
