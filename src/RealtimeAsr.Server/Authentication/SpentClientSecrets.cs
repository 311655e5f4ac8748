using System.Collections.Concurrent;

namespace RealtimeAsr.Server;

/// <summary>
/// The ids of client secrets already used, each kept until its token expires (after which the token is refused for
/// its age anyway). Per process: a token is single-use on each replica, so a deployment that balances one client's
/// handshakes across replicas should make them sticky or accept that a token opens at most one session per replica.
/// Thread-safe.
/// </summary>
public sealed class SpentClientSecrets(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);
    private int _pruneAt = 64;

    /// <summary>How many ids are remembered now.</summary>
    public int Count => _spent.Count;

    /// <summary>Marks the token spent; false when it already was. Atomic: of two racing handshakes one wins.</summary>
    public bool TrySpend(ClientSecretClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (!_spent.TryAdd(claims.Id, claims.ExpiresAt))
        {
            return false;
        }

        // Amortised: prune when the record has doubled since the last pruning, so a spend costs O(1) on average.
        if (_spent.Count >= Volatile.Read(ref _pruneAt))
        {
            Prune();
        }

        return true;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, expiresAt) in _spent)
        {
            if (expiresAt <= now)
            {
                _spent.TryRemove(id, out _);
            }
        }

        Volatile.Write(ref _pruneAt, Math.Max(64, _spent.Count * 2));
    }
}
