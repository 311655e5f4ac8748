namespace RealtimeAsr.Server;

/// <summary>
/// The WebSocket subprotocols browsers offer, as OpenAI's browser clients do: <c>realtime</c>, and the credential as
/// <c>openai-insecure-api-key.&lt;token&gt;</c> (a browser cannot set <c>Authorization</c> on a WebSocket).
/// </summary>
public static class RealtimeSubprotocols
{
    /// <summary>The protocol name the server selects when offered.</summary>
    public const string Realtime = "realtime";

    /// <summary>The prefix of the subprotocol that carries a client secret.</summary>
    public const string CredentialPrefix = "openai-insecure-api-key.";

    /// <summary>The credential offered as a subprotocol, or <see langword="null"/>.</summary>
    public static string? FindCredential(IList<string> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        return offered.FirstOrDefault(p => p.StartsWith(CredentialPrefix, StringComparison.Ordinal)) is { } protocol
            ? protocol[CredentialPrefix.Length..]
            : null;
    }

    /// <summary>
    /// The subprotocol to accept: <c>realtime</c> when offered, else the credential one (a browser fails the connection
    /// when the server selects none of those it offered), else none.
    /// </summary>
    public static string? Select(IList<string> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        return offered.FirstOrDefault(p => p == Realtime)
            ?? offered.FirstOrDefault(p => p.StartsWith(CredentialPrefix, StringComparison.Ordinal));
    }
}
