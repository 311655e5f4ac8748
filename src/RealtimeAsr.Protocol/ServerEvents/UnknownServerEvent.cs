using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>
/// A server event this library cannot give a typed class: a <c>type</c> it does not know, or (with
/// <see cref="ReadError"/> set) a known type whose fields could not be read. Its JSON is kept whole.
/// </summary>
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

    /// <summary>
    /// Why an event of a known <see cref="Type"/> could not be read as its typed class (e.g. a field of an unexpected
    /// type), or <see langword="null"/> for a type this library does not know.
    /// </summary>
    [JsonIgnore]
    public JsonException? ReadError { get; init; }
}
