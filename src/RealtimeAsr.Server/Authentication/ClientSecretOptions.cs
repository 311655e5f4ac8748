namespace RealtimeAsr.Server;

/// <summary>
/// Ephemeral client secrets (tokens a browser presents instead of an API key), bound from
/// <c>RealtimeAsr:ClientSecrets</c>. See docs/OPERATIONS.md, "Browser authentication".
/// </summary>
public sealed class ClientSecretOptions
{
    /// <summary>The configuration section, under <c>RealtimeAsr</c>.</summary>
    public const string SectionName = "ClientSecrets";

    /// <summary>The shortest lifetime a client may ask for, as OpenAI's <c>expires_after.seconds</c> (10 s).</summary>
    public static readonly TimeSpan ShortestRequestedLifetime = TimeSpan.FromSeconds(10);

    /// <summary>The longest lifetime a client may ask for, as OpenAI's <c>expires_after.seconds</c> (2 h).</summary>
    public static readonly TimeSpan LongestRequestedLifetime = TimeSpan.FromHours(2);

    /// <summary>
    /// How long a token is valid when the request names no <c>expires_after</c>, and for every token the page's route
    /// mints. Default 60 s: a token only has to outlive the moment between minting it and opening the WebSocket.
    /// </summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest lifetime a token gets. A request for more (up to OpenAI's 7200 s) is shortened to this, and the
    /// response's <c>expires_at</c> says so; a request outside 10–7200 s is refused. Default 10 minutes.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The HMAC-SHA256 key that signs tokens, base64 (at least 32 bytes once decoded). Replicas that share it accept each
    /// other's tokens. Default <see langword="null"/>: a random key per process, so a token is good on the replica that
    /// minted it only, and none survives a restart.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Page origins (<c>scheme://host[:port]</c>, e.g. <c>https://app.example.com</c>) whose pages may connect with a
    /// token or ask <c>/page/client_secret</c> for one. The server's own origin (the request's scheme and
    /// <c>Host</c>) is always allowed. Default: none besides it.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>The decoded <see cref="SigningKey"/>, or <see langword="null"/> when unset or not base64.</summary>
    internal byte[]? DecodeSigningKey()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            return null;
        }

        var buffer = new byte[SigningKey.Length];
        return Convert.TryFromBase64String(SigningKey.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
