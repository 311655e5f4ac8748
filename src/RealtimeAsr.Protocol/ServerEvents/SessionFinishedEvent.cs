namespace RealtimeAsr.Protocol;

/// <summary><c>session.finished</c>: every result is out; the client should close the connection.</summary>
public sealed class SessionFinishedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SessionFinished;
}
