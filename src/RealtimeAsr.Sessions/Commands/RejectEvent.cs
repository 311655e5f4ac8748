namespace RealtimeAsr.Sessions;

/// <summary>A client frame that could not be accepted; the session answers it with an <c>error</c> event, in order.</summary>
/// <param name="EventId">The offending event's id, when it could be read.</param>
/// <param name="Code">An <see cref="Protocol.ErrorCodes"/> value.</param>
/// <param name="Message">What was wrong, for the client.</param>
/// <param name="Param">The field at fault, or <see langword="null"/>.</param>
public sealed record RejectEvent(string? EventId, string Code, string Message, string? Param) : SessionCommand(EventId);
