namespace RealtimeAsr.Recognition.Whisper;

/// <summary>How many live talkers one core carries with a Whisper model (<see cref="EngineCapabilities.StreamsPerCore"/>).</summary>
/// <remarks>
/// tiny and base are measured by the project's benchmark with the engine's default settings on a 2-core VM
/// (<c>docs/BENCHMARKS.md</c>, "Whisper"); the larger sizes are scaled from tiny by parameter count (base measured
/// 0.48, its parameter ratio predicts 0.53), which is what a decode's cost follows on a CPU. Operators who measured their
/// own machine set <c>RealtimeAsr:Limits:MaxSessions</c> instead.
/// </remarks>
internal static class WhisperCapacity
{
    public static double StreamsPerCore(WhisperModelInfo info) => info.Size switch
    {
        "tiny" => 1.0,
        "base" => 0.48,
        // 244 M, 769 M and 1550 M parameters against tiny's 39 M.
        "small" => 0.16,
        "medium" => 0.05,
        _ => 0.025,
    };
}
