namespace RealtimeAsr.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.completed</c>: the final result of an item.</summary>
public sealed class TranscriptionCompletedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.TranscriptionCompleted;

    /// <summary>The item this result belongs to.</summary>
    public string ItemId { get; set; } = "";

    /// <summary>Content part index; always 0.</summary>
    public int ContentIndex { get; set; }

    /// <summary>Language of the audio.</summary>
    public string Language { get; set; } = "";

    /// <summary>Detected emotion, e.g. <c>neutral</c>.</summary>
    public string Emotion { get; set; } = "";

    /// <summary>The final text.</summary>
    public string Transcript { get; set; } = "";
}
