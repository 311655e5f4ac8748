using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    /// <summary><c>input_audio_buffer.commit</c>: Manual mode only; the pending audio becomes one item.</summary>
    private async ValueTask CommitAsync(CommitBuffer commit, CancellationToken cancellationToken)
    {
        if (_settings.IsServerVad)
        {
            await RejectAsync(commit.EventId, ErrorCodes.CommitNotAllowed,
                "'input_audio_buffer.commit' is only allowed in Manual mode (turn_detection: null); server VAD commits by itself.",
                "type", cancellationToken);
            return;
        }

        if (_current is not { SampleCount: > 0 })
        {
            await RejectAsync(commit.EventId, ErrorCodes.CommitEmpty,
                "Error committing input audio buffer: the buffer is empty.", null, cancellationToken);
            return;
        }

        await CommitUtteranceAsync(speechEndSample: null, cancellationToken);
    }

    /// <summary>
    /// <c>input_audio_buffer.clear</c>: drops the uncommitted audio (in VAD mode, the utterance in progress, whose item
    /// is then never completed) and answers <c>input_audio_buffer.cleared</c>. The audio clock and the byte stream's
    /// decoder state go on: a client clears audio, not its encoding.
    /// </summary>
    private async ValueTask ClearAsync(ClearBuffer clear, CancellationToken cancellationToken)
    {
        DiscardUtterance();
        _vad?.Reset();
        await EmitAsync(new InputAudioBufferClearedEvent(), cancellationToken);
    }
}
