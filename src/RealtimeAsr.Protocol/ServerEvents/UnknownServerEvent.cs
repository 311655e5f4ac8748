using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>A server event whose <c>type</c> this library does not know; its JSON is kept whole.</summary>
public sealed class UnknownServerEvent : ServerEvent
{
    private readonly string _type;

    /// <summary>Wraps an event of an unknown type.</summary>
    public UnknownServerEvent(string type, JsonElement json)
    {
        _type = type;
        Json = json;
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <summary>The whole event as received.</summary>
    [JsonIgnore]
    public JsonElement Json { get; }
}
