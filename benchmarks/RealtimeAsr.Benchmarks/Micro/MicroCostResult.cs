namespace RealtimeAsr.Benchmarks.Micro;

/// <summary>The cost of one piece of server work, per operation and per second of audio.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Operation">What one operation is, e.g. "100 ms append".</param>
/// <param name="MicrosecondsPerOperation">Best of several rounds (noise only ever adds time).</param>
/// <param name="OperationsPerAudioSecond">How many a session performs per second of audio.</param>
/// <param name="FractionOfEngine">Cost per audio second / the engine's CPU cost per audio second.</param>
internal sealed record MicroCostResult(
    string Name, string Operation, double MicrosecondsPerOperation, double OperationsPerAudioSecond, double FractionOfEngine)
{
    public double MillisecondsPerAudioSecond => MicrosecondsPerOperation * OperationsPerAudioSecond / 1000;
}
