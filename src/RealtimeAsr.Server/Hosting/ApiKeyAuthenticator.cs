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

    /// <summary>
    /// Whether the <c>Authorization</c> header value carries one of the keys, and which: <paramref name="keyId"/> is a
    /// short fingerprint of the key (never the key), for per-key quotas and logs; <see langword="null"/> when the server
    /// has no keys.
    /// </summary>
    public bool TryAuthorize(string? authorization, out string? keyId)
    {
        keyId = null;
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
        var matched = -1;
        for (var i = 0; i < _keyHashes.Length; i++)
        {
            // Every key is compared, so the time taken does not say which one matched.
            if (CryptographicOperations.FixedTimeEquals(_keyHashes[i], presented))
            {
                matched = i;
            }
        }

        if (matched < 0)
        {
            return false;
        }

        keyId = Convert.ToHexStringLower(_keyHashes[matched], 0, 4);
        return true;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
