namespace RealtimeAsr.Sessions;

/// <summary>One client event, already parsed, queued for the session in arrival order.</summary>
/// <param name="EventId">The client's <c>event_id</c>, echoed in errors; <see langword="null"/> if it sent none.</param>
public abstract record SessionCommand(string? EventId);
