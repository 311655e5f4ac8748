namespace RealtimeAsr.Benchmarks.Server;

/// <summary>The analysis of one session.</summary>
/// <param name="Utterances">One per clip, in the order sent.</param>
/// <param name="StrayItems">Items that matched no clip (VAD heard speech in silence).</param>
/// <param name="Errors">The <c>error</c> events received, as "code: message".</param>
/// <param name="WallSeconds">From the first step sent to <c>session.finished</c>.</param>
/// <param name="DrainMs">From sending <c>session.finish</c> to <c>session.finished</c>.</param>
/// <param name="SetupMs">From connecting to <c>session.updated</c>.</param>
/// <param name="MaxSendLagMs">Real-time pace: the most a chunk went out late because the server was not reading.</param>
/// <param name="AudioSeconds">Audio sent, silence included.</param>
/// <param name="SpeechSeconds">Audio of the clips alone.</param>
internal sealed record SessionResult(
    IReadOnlyList<UtteranceResult> Utterances, int StrayItems, IReadOnlyList<string> Errors,
    double WallSeconds, double DrainMs, double SetupMs, double MaxSendLagMs, double AudioSeconds, double SpeechSeconds);
