namespace RealtimeAsr.Protocol;

/// <summary><c>session.created</c>: the first event of every session, with its defaults.</summary>
public sealed class SessionCreatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SessionCreated;

    /// <summary>The session and its configuration.</summary>
    public SessionConfiguration Session { get; set; } = new();
}
