namespace RealtimeAsr.Protocol;

/// <summary><c>error</c>: a request error (the session stays open) or a server error (the connection closes).</summary>
public sealed class ErrorEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.Error;

    /// <summary>What went wrong.</summary>
    public ErrorDetail Error { get; set; } = new();
}
