namespace RealtimeAsr.Protocol;

/// <summary>
/// Generates ids shaped like the cloud's (<c>event_B2uoU7VOt1AAITsPRPH9n</c>): a prefix and 21 base-62 characters.
/// Shared source: the server's session library (RealtimeAsr.Sessions) compiles this file too, for its session and item
/// ids; the protocol package exposes only <see cref="ProtocolIds.NewEventId"/>.
/// </summary>
internal static class WireIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new id: <paramref name="prefix"/> (<c>event_</c>, <c>sess_</c>, <c>item_</c>) and 21 base-62 characters.</summary>
    public static string New(string prefix) =>
        string.Create(prefix.Length + 21, prefix, static (span, prefix) =>
        {
            prefix.AsSpan().CopyTo(span);
            // Ids only need to be unique, not secret: the shared PRNG is enough and cheap.
            Random.Shared.GetItems(Alphabet, span[prefix.Length..]);
        });
}
