using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>The <c>corpus</c> object: free-form text that biases recognition (terms, paragraphs).</summary>
public sealed class Corpus
{
    /// <summary>The biasing text.</summary>
    public string? Text { get; set; }

    /// <summary>Fields this library does not model, kept as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
