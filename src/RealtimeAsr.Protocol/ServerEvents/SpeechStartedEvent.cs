namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.speech_started</c> (VAD mode): speech began.</summary>
public sealed class SpeechStartedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SpeechStarted;

    /// <summary>Milliseconds of session audio before the detected start of speech.</summary>
    public long AudioStartMs { get; set; }

    /// <summary>The item this utterance becomes.</summary>
    public string ItemId { get; set; } = "";
}
