using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>The <c>session.turn_detection</c> object (server VAD).</summary>
public sealed class TurnDetection
{
    /// <summary>The only type: <c>server_vad</c>.</summary>
    public const string ServerVad = "server_vad";

    /// <summary>Always <see cref="ServerVad"/>.</summary>
    public string Type { get; set; } = ServerVad;

    /// <summary>Sensitivity in [-1, 1]; lower is more sensitive. Default 0.2.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Threshold { get; set; }

    /// <summary>Silence in milliseconds, in [200, 6000], that ends an utterance. Default 800.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SilenceDurationMs { get; set; }

    /// <summary>Fields this library does not model (e.g. the SDKs' <c>prefix_padding_ms</c>), kept as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
