namespace RealtimeAsr.Protocol;

/// <summary>Generates ids shaped like the cloud's (<c>event_B2uoU7VOt1AAITsPRPH9n</c>): a prefix and 21 base-62 characters.</summary>
public static class ProtocolIds
{
    /// <summary>A new event id, as <see cref="ClientEvent.EventId"/> defaults to.</summary>
    public static string NewEventId() => WireIds.New("event_");
}
