using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>The <c>session.input_audio_transcription</c> object.</summary>
public sealed class InputAudioTranscription
{
    /// <summary>Language code (e.g. <c>en</c>); <see langword="null"/> for automatic detection.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; set; }

    /// <summary>Context biasing text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Corpus? Corpus { get; set; }

    /// <summary>Fields this library does not model, kept as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
