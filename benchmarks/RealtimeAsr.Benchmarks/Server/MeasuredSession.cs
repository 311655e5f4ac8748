namespace RealtimeAsr.Benchmarks.Server;

/// <summary>One session's analysis with the CPU it took.</summary>
/// <param name="Result">What the session saw.</param>
/// <param name="CpuSeconds">Process CPU time while it ran (client included).</param>
/// <param name="OtherShare">Share of the machine other programs used meanwhile (see <see cref="CpuMeter.OtherShare"/>).</param>
/// <param name="WhisperDecodes">The decodes the server's Whisper engine ran for it, by kind; <see langword="null"/> for PocketSphinx.</param>
internal sealed record MeasuredSession(SessionResult Result, double CpuSeconds, double OtherShare, WhisperDecodeStats? WhisperDecodes);
