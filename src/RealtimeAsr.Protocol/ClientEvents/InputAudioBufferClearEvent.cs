namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.clear</c>: discards the audio not yet committed.</summary>
public sealed class InputAudioBufferClearEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.InputAudioBufferClear;
}
