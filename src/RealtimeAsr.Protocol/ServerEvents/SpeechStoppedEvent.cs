namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.speech_stopped</c> (VAD mode): speech ended.</summary>
public sealed class SpeechStoppedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SpeechStopped;

    /// <summary>Milliseconds of session audio before the end of speech.</summary>
    public long AudioEndMs { get; set; }

    /// <summary>The item this utterance becomes.</summary>
    public string ItemId { get; set; } = "";
}
