namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.committed</c>: the buffered audio became an item.</summary>
public sealed class InputAudioBufferCommittedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.InputAudioBufferCommitted;

    /// <summary>The previous item of the session; <see langword="null"/> for the first.</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>The new item.</summary>
    public string ItemId { get; set; } = "";
}
