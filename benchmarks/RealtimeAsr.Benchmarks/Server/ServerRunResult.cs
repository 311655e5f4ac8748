namespace RealtimeAsr.Benchmarks.Server;

/// <summary>One stream through the server (the median of the repeated runs, by wall time).</summary>
/// <param name="Mode"><c>vad</c> or <c>manual</c>.</param>
/// <param name="AudioSeconds">Audio sent, silence included.</param>
/// <param name="SpeechSeconds">Audio of the clips alone.</param>
/// <param name="WallSeconds">First append sent → <c>session.finished</c>.</param>
/// <param name="CpuSeconds">Process CPU time over the session (client included).</param>
/// <param name="OtherShare">Share of the machine other programs used meanwhile (0 on a quiet box).</param>
/// <param name="WallVsEngine">
/// Wall time / the engine alone's wall time for the same clips, per round (the engine ran just before): the median is the
/// overhead ratio. It need not equal the quotient of the reported medians.
/// </param>
/// <param name="CpuVsEngine">CPU time / the engine alone's CPU time for the same clips, per round.</param>
/// <param name="LatencyMs">Per utterance: last chunk (VAD) or commit (Manual) sent → <c>completed</c>.</param>
/// <param name="FinalisationMs">VAD: <c>speech_stopped</c> → <c>completed</c>.</param>
/// <param name="WordErrorRate">Of all transcripts against all references.</param>
/// <param name="Items">Clips with a result.</param>
/// <param name="ExpectedItems">Clips sent.</param>
/// <param name="StrayItems">Items that matched no clip.</param>
/// <param name="SplitClips">Clips the server reported as more than one item (VAD heard a pause inside).</param>
/// <param name="Errors">The <c>error</c> events received (none expected).</param>
/// <param name="SetupMs">From connecting to <c>session.updated</c>.</param>
/// <param name="Transcripts">Final transcript per clip, in clip order.</param>
/// <param name="RunWallSeconds">Wall time of every run, to show the spread.</param>
/// <param name="WhisperDecodes">The decodes the Whisper engine ran in the median run, by kind; <see langword="null"/> for PocketSphinx.</param>
internal sealed record ServerRunResult(
    string Mode, double AudioSeconds, double SpeechSeconds, double WallSeconds, double CpuSeconds, double OtherShare,
    IReadOnlyList<double> WallVsEngine, IReadOnlyList<double> CpuVsEngine,
    Distribution LatencyMs, Distribution FinalisationMs, double WordErrorRate, int Items, int ExpectedItems, int StrayItems, int SplitClips,
    IReadOnlyList<string> Errors, double SetupMs, IReadOnlyList<string> Transcripts, IReadOnlyList<double> RunWallSeconds,
    WhisperDecodeStats? WhisperDecodes)
{
    public double WallPerAudioSecond => WallSeconds / AudioSeconds;

    public double CpuPerAudioSecond => CpuSeconds / AudioSeconds;
}
