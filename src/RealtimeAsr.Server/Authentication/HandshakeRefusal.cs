namespace RealtimeAsr.Server;

/// <summary>Why <see cref="HandshakeAuthenticator"/> refused a handshake.</summary>
/// <param name="StatusCode">401 (no valid credential) or 403 (a valid token used where it may not be).</param>
/// <param name="Code">The error body's <c>code</c>: <c>InvalidApiKey</c>, <c>InvalidClientSecret</c> or <c>AccessDenied</c>.</param>
/// <param name="Reason">Short reason for logs and metrics, one of <see cref="RealtimeAsr.Sessions.RefusalReasons"/>.</param>
/// <param name="Message">What happened and what to do.</param>
public sealed record HandshakeRefusal(int StatusCode, string Code, string Reason, string Message);
