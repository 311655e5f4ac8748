namespace RealtimeAsr.Protocol;

/// <summary><c>session.update</c>: sets or changes the session configuration.</summary>
public sealed class SessionUpdateEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SessionUpdate;

    /// <summary>The configuration. Its <c>turn_detection</c> is always written, <see langword="null"/> meaning Manual mode.</summary>
    public SessionConfiguration Session { get; set; } = new();
}
