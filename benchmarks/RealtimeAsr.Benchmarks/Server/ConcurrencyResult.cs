namespace RealtimeAsr.Benchmarks.Server;

/// <summary>N VAD sessions at once, at real-time pace or full speed.</summary>
/// <param name="Pacing">How fast each session sent its audio.</param>
/// <param name="Sessions">How many sessions ran at once.</param>
/// <param name="AudioSeconds">Audio sent by all sessions together.</param>
/// <param name="SpeechSeconds">The clips' share of it (the rest is silence).</param>
/// <param name="WallSeconds">First session started → last <c>session.finished</c>.</param>
/// <param name="CpuSeconds">Process CPU time over the run (clients included).</param>
/// <param name="OtherShare">Share of the machine other programs used meanwhile (0 on a quiet box).</param>
/// <param name="LatencyMs">Per utterance: chunk with the clip's last sample sent → <c>completed</c> (includes the VAD silence wait).</param>
/// <param name="FinalisationMs">Per utterance: <c>speech_stopped</c> → <c>completed</c>.</param>
/// <param name="PartialIntervalMs">Gaps between successive live partials of an utterance.</param>
/// <param name="DrainMs">Per session: <c>session.finish</c> sent (due, at real-time pace) → <c>session.finished</c>.</param>
/// <param name="SendLagMs">Per session: the most a chunk went out after it was due (the server had stopped reading: back-pressure).</param>
/// <param name="Utterances">Clips with a result.</param>
/// <param name="ExpectedUtterances">Clips sent by all sessions together.</param>
/// <param name="SameAsSingleStream">Clips whose transcript equals the single-session VAD run's.</param>
/// <param name="WordErrorRate">Of all transcripts against all references.</param>
/// <param name="StrayItems">Items that matched no clip.</param>
/// <param name="SplitClips">Clips reported as more than one item.</param>
/// <param name="Errors">The <c>error</c> events received (none expected).</param>
/// <param name="MaxDecodersInUse">Most of the engine's pool in use at once (sampled every 10 ms): PocketSphinx decoders lent, Whisper decodes running.</param>
/// <param name="PoolSize">The size of that pool.</param>
/// <param name="PoolFullFraction">Share of samples with all of it in use (sessions then wait for it).</param>
/// <param name="Failures">Sessions that failed or timed out, with the reason.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory during the run (server, engine, clients), or <see langword="null"/> when it could not be reset before.</param>
/// <param name="WhisperDecodes">The decodes the Whisper engine ran during the run, by kind; <see langword="null"/> for PocketSphinx.</param>
internal sealed record ConcurrencyResult(
    Pacing Pacing, int Sessions, double AudioSeconds, double SpeechSeconds, double WallSeconds, double CpuSeconds, double OtherShare,
    Distribution LatencyMs, Distribution FinalisationMs, Distribution PartialIntervalMs, Distribution DrainMs, Distribution SendLagMs,
    int Utterances, int ExpectedUtterances, int SameAsSingleStream, double WordErrorRate, int StrayItems, int SplitClips, IReadOnlyList<string> Errors,
    int MaxDecodersInUse, int PoolSize, double PoolFullFraction, IReadOnlyList<string> Failures, long? PeakWorkingSetBytes,
    WhisperDecodeStats? WhisperDecodes)
{
    /// <summary>Audio seconds processed per wall second.</summary>
    public double Throughput => AudioSeconds / WallSeconds;

    public double CpuPerAudioSecond => CpuSeconds / AudioSeconds;

    /// <summary>CPU time / (wall time × cores): how busy the machine was.</summary>
    public double CpuUtilisation => CpuSeconds / (WallSeconds * Environment.ProcessorCount);
}
