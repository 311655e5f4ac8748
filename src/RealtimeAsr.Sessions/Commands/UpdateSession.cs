using System.Text.Json;

namespace RealtimeAsr.Sessions;

/// <summary><c>session.update</c> with its (detached) <c>session</c> object.</summary>
public sealed record UpdateSession(string? EventId, JsonElement Session) : SessionCommand(EventId);
