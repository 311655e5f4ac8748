namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.commit</c> (Manual mode): the buffered audio is one utterance.</summary>
public sealed class InputAudioBufferCommitEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.InputAudioBufferCommit;
}
