using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    /// <summary>
    /// <c>session.finish</c> (also used for a graceful server shutdown): report the utterance in progress — in VAD mode
    /// it ends where the audio ends, in Manual mode uncommitted audio is committed — then <c>session.finished</c>.
    /// Later client events get a <c>session_finishing</c> error.
    /// </summary>
    private async ValueTask FinishAsync(FinishSession finish, CancellationToken cancellationToken)
    {
        await EndSessionAsync(SessionEndReason.Finished, cancellationToken);
        Log.SessionFinished(_logger, Id, finish.EventId);
    }

    /// <summary>What every end of a session does, whatever asked for it: see <see cref="FinishAsync"/>.</summary>
    private async ValueTask EndSessionAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        _finishing = true;
        await EndUtteranceInProgressAsync(cancellationToken);
        DiscardUtterance();
        _vad?.Reset();
        await EmitAsync(new SessionFinishedEvent(), cancellationToken);
        EndReason = reason;
        _finished.TrySetResult();
    }

    /// <summary>
    /// Reports the utterance in progress, if it has audio: in VAD mode as if speech stopped where the detector last
    /// heard it (or where the audio ends), the detector then starting afresh; in Manual mode as a commit. An utterance
    /// without audio is dropped.
    /// </summary>
    private async ValueTask EndUtteranceInProgressAsync(CancellationToken cancellationToken)
    {
        if (_current is { SampleCount: > 0 })
        {
            var speechEnd = _vad is not null && _vad.Flush(_segments) && _segments.Take() is [SpeechSegment.Stopped stopped]
                ? stopped.EndSample
                : _clockSamples;
            await CommitUtteranceAsync(_settings.IsServerVad ? speechEnd : null, cancellationToken);
            _vad?.Reset();
        }
        else
        {
            DiscardUtterance();
        }
    }
}
