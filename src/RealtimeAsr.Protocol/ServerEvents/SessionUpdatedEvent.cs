namespace RealtimeAsr.Protocol;

/// <summary><c>session.updated</c>: a <c>session.update</c> was applied; carries the effective configuration.</summary>
public sealed class SessionUpdatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SessionUpdated;

    /// <summary>The session and its configuration.</summary>
    public SessionConfiguration Session { get; set; } = new();
}
