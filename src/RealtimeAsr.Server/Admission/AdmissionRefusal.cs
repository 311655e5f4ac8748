namespace RealtimeAsr.Server;

/// <summary>Why a handshake was refused for capacity or quota.</summary>
/// <param name="StatusCode">503 (server or model full) or 429 (the key's quota).</param>
/// <param name="Code">The error body's <c>code</c>.</param>
/// <param name="Reason">Short reason for logs and metrics, one of <see cref="RealtimeAsr.Sessions.RefusalReasons"/>.</param>
/// <param name="Message">What happened and what to do.</param>
public sealed record AdmissionRefusal(int StatusCode, string Code, string Reason, string Message);
