namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>One pass of the engine alone over a set of utterances.</summary>
/// <param name="Name">What was decoded.</param>
/// <param name="AudioSeconds">Audio decoded.</param>
/// <param name="WallSeconds">Wall time of the pass.</param>
/// <param name="CpuSeconds">Process CPU time of the pass (nothing else runs meanwhile).</param>
/// <param name="OtherShare">Share of the machine other programs used meanwhile (0 on a quiet box).</param>
/// <param name="WordErrorRate">Word error rate of all transcripts joined against all references joined.</param>
/// <param name="Transcripts">The final transcript of each utterance, in clip order.</param>
/// <param name="UtteranceMs">Per utterance: from its first chunk to its final transcript (all chunks, partials and the final pass).</param>
/// <param name="FinalPassMs">
/// Per utterance: the final pass alone (<c>Complete</c>: PocketSphinx's <c>ps_end_utt</c>; Whisper's wait for the partial
/// decode in flight, then its final decode).
/// </param>
internal sealed record EngineRunResult(
    string Name, double AudioSeconds, double WallSeconds, double CpuSeconds, double OtherShare, double WordErrorRate, IReadOnlyList<string> Transcripts,
    Distribution UtteranceMs, Distribution FinalPassMs)
{
    /// <summary>Wall-clock real-time factor: decode time / audio time.</summary>
    public double RealTimeFactor => WallSeconds / AudioSeconds;

    /// <summary>CPU seconds per second of audio.</summary>
    public double CpuPerAudioSecond => CpuSeconds / AudioSeconds;

    /// <summary>Wall time of every run when repeated (this result is the median one), to show the spread.</summary>
    public IReadOnlyList<double> RunWallSeconds { get; init; } = [];
}
