namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>One measured Whisper decode (kept in the JSON report, to see which decodes cost what).</summary>
/// <param name="Kind"><c>partial</c> or <c>final</c>.</param>
/// <param name="WindowSeconds">Audio decoded.</param>
/// <param name="WallSeconds">Wall time of the decode.</param>
/// <param name="CpuSeconds">Process CPU time of the decode (every whisper.cpp thread).</param>
/// <param name="Words">Words in its transcript.</param>
internal sealed record WhisperDecodeSample(string Kind, double WindowSeconds, double WallSeconds, double CpuSeconds, int Words);
