using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>
/// Base of every event the server sends. Each derived type is one event of the protocol's §4;
/// <see cref="UnknownServerEvent"/> carries types this library does not know.
/// </summary>
public abstract class ServerEvent
{
    /// <summary>Server-generated event id.</summary>
    [JsonPropertyOrder(-2)]
    public string EventId { get; set; } = "";

    /// <summary>The event type, e.g. <c>session.created</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Fields this library does not model, kept as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
