namespace RealtimeAsr.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.text</c>: a snapshot of the partial result; the live preview is <see cref="Text"/> + <see cref="Stash"/>.</summary>
public sealed class TranscriptionTextEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.TranscriptionText;

    /// <summary>The item this result belongs to.</summary>
    public string ItemId { get; set; } = "";

    /// <summary>Content part index; always 0.</summary>
    public int ContentIndex { get; set; }

    /// <summary>Language of the audio.</summary>
    public string Language { get; set; } = "";

    /// <summary>Detected emotion, e.g. <c>neutral</c>.</summary>
    public string Emotion { get; set; } = "";

    /// <summary>Confirmed prefix; only grows within an item.</summary>
    public string Text { get; set; } = "";

    /// <summary>Draft suffix after <see cref="Text"/>; may be rewritten.</summary>
    public string Stash { get; set; } = "";
}
