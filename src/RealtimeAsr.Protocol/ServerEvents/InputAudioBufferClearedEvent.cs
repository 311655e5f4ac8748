namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.cleared</c>: the uncommitted audio was discarded.</summary>
public sealed class InputAudioBufferClearedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.InputAudioBufferCleared;
}
