namespace RealtimeAsr.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.failed</c>: audio was received but could not be transcribed.</summary>
public sealed class TranscriptionFailedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.TranscriptionFailed;

    /// <summary>The item that failed.</summary>
    public string ItemId { get; set; } = "";

    /// <summary>Content part index; always 0.</summary>
    public int ContentIndex { get; set; }

    /// <summary>Why it failed.</summary>
    public TranscriptionError Error { get; set; } = new();
}
