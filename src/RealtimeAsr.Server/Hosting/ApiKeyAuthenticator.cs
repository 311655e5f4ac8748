using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c> against the configured keys, in constant time.</summary>
public sealed class ApiKeyAuthenticator
{
    private readonly byte[][] _keyHashes;

    /// <summary>Hashes the configured keys once; comparing fixed-size hashes hides key lengths too.</summary>
    public ApiKeyAuthenticator(IOptions<RealtimeAsrServerOptions> options) =>
        _keyHashes = options.Value.ApiKeys.Where(k => k.Length > 0).Select(Hash).ToArray();

    /// <summary>True when no key is configured: every client is let in (the server then listens on loopback only).</summary>
    public bool IsOpen => _keyHashes.Length == 0;

    /// <summary>Whether the <c>Authorization</c> header value carries one of the keys.</summary>
    public bool IsAuthorized(string? authorization)
    {
        if (IsOpen)
        {
            return true;
        }

        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Hash(authorization[scheme.Length..].Trim());
        var match = false;
        foreach (var key in _keyHashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(key, presented);
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
