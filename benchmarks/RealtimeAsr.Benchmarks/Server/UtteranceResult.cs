namespace RealtimeAsr.Benchmarks.Server;

/// <summary>What the server reported for one clip of a session.</summary>
/// <param name="ClipIndex">Which clip.</param>
/// <param name="Items">Items the server made of it (1 expected; 0 when it was missed, 2 when VAD split it).</param>
/// <param name="Transcript">The final transcripts of those items, joined.</param>
/// <param name="LatencyMs">
/// From sending the utterance's end step (VAD: the append with the clip's last sample; Manual: the commit; at real-time pace,
/// from when that chunk was due) to receiving its last <c>completed</c> (or <c>failed</c>); <see langword="null"/> when missing.
/// </param>
/// <param name="FinalisationMs">VAD mode: from <c>speech_stopped</c> to <c>completed</c>, the engine's final pass plus queueing.</param>
/// <param name="PartialIntervalsMs">Gaps between successive live partials (<c>.text</c> before <c>speech_stopped</c>).</param>
internal sealed record UtteranceResult(
    int ClipIndex, int Items, string Transcript, double? LatencyMs, double? FinalisationMs, IReadOnlyList<double> PartialIntervalsMs);
