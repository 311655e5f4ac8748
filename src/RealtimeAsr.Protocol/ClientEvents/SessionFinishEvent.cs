namespace RealtimeAsr.Protocol;

/// <summary><c>session.finish</c>: asks for the remaining results, then <c>session.finished</c>.</summary>
public sealed class SessionFinishEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.SessionFinish;
}
