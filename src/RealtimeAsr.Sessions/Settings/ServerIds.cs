using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

/// <summary>
/// The ids only a server hands out, shaped like the cloud's (<c>sess_…</c>, <c>item_…</c>); event ids are
/// <see cref="ProtocolIds.NewEventId"/>.
/// </summary>
public static class ServerIds
{
    /// <summary>A new session id.</summary>
    public static string NewSessionId() => WireIds.New("sess_");

    /// <summary>A new conversation item id.</summary>
    public static string NewItemId() => WireIds.New("item_");
}
