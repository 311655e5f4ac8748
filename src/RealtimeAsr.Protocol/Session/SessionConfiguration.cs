using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>
/// The <c>session</c> object: sent by the client in <c>session.update</c> and echoed by the server, with
/// <see cref="Id"/>, <see cref="Object"/> and <see cref="Model"/> filled in, in <c>session.created</c> / <c>session.updated</c>.
/// </summary>
public sealed class SessionConfiguration
{
    /// <summary>Session id (server only), e.g. <c>sess_…</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    /// <summary>Always <c>realtime.session</c> (server only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>Model name (server only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; set; }

    /// <summary>Output modalities; always <c>["text"]</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Modalities { get; set; }

    /// <summary><c>pcm</c> (16-bit LE mono) or <c>opus</c> (Ogg Opus).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InputAudioFormat { get; set; }

    /// <summary><c>16000</c> or <c>8000</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SampleRate { get; set; }

    /// <summary>Recognition settings, or <see langword="null"/> for the defaults.</summary>
    public InputAudioTranscription? InputAudioTranscription { get; set; }

    /// <summary>Server VAD settings; <see langword="null"/> (written explicitly) means Manual mode.</summary>
    public TurnDetection? TurnDetection { get; set; }

    /// <summary>Fields this library does not model, kept as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
