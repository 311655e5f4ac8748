namespace RealtimeAsr.Server;

/// <summary>Who opens a session, as <see cref="HandshakeAuthenticator"/> found.</summary>
/// <param name="KeyId">The API key the session counts against: the one presented, or the one that minted the client
/// secret presented; <see langword="null"/> on a server without keys or for a token the page route minted.</param>
/// <param name="ClientSecretId">The id of the client secret presented, or <see langword="null"/> for an API-key client.</param>
public sealed record HandshakeCaller(string? KeyId, string? ClientSecretId)
{
    /// <summary>Anyone, on a server without keys.</summary>
    public static HandshakeCaller Anonymous { get; } = new(null, null);
}
