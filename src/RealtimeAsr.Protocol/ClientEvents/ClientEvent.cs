using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>Base of every event a client sends (protocol §3).</summary>
public abstract class ClientEvent
{
    /// <summary>Client-chosen event id, echoed in <c>error.event_id</c>. Defaults to a fresh <c>event_…</c> id.</summary>
    [JsonPropertyOrder(-2)]
    public string EventId { get; set; } = ProtocolIds.NewEventId();

    /// <summary>The event type, e.g. <c>session.update</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Extra fields sent as they are (the SDKs' <c>**kwargs</c>).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
