namespace RealtimeAsr.Protocol;

/// <summary>Generates ids shaped like the cloud's (<c>event_B2uoU7VOt1AAITsPRPH9n</c>): a prefix and 21 base-62 characters.</summary>
public static class ProtocolIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new server event id.</summary>
    public static string NewEventId() => New("event_");

    /// <summary>A new session id.</summary>
    public static string NewSessionId() => New("sess_");

    /// <summary>A new conversation item id.</summary>
    public static string NewItemId() => New("item_");

    private static string New(string prefix) =>
        string.Create(prefix.Length + 21, prefix, static (span, prefix) =>
        {
            prefix.AsSpan().CopyTo(span);
            // Ids only need to be unique, not secret: the shared PRNG is enough and cheap.
            Random.Shared.GetItems(Alphabet, span[prefix.Length..]);
        });
}
