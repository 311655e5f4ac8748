namespace RealtimeAsr.Protocol;

/// <summary><c>conversation.item.created</c>: a user item exists for a committed utterance.</summary>
public sealed class ConversationItemCreatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ConversationItemCreated;

    /// <summary>The previous item of the session; <see langword="null"/> for the first.</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>The new item.</summary>
    public ConversationItem Item { get; set; } = new();
}
