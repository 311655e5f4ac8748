namespace RealtimeAsr.Sessions;

/// <summary><c>session.finish</c>.</summary>
public sealed record FinishSession(string? EventId) : SessionCommand(EventId);
