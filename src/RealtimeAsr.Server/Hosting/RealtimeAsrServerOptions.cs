namespace RealtimeAsr.Server;

/// <summary>Server settings, bound from the <c>RealtimeAsr</c> configuration section.</summary>
public sealed class RealtimeAsrServerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "RealtimeAsr";

    /// <summary>
    /// API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c>. Default: none, and then the server is
    /// unauthenticated and refuses to listen anywhere but loopback. Also read from the comma-separated
    /// <c>REALTIMEASR_API_KEYS</c> environment variable.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Extra model names served, mapped to an engine name. Default: empty; <c>qwen3-asr-flash-realtime</c> and its dated
    /// snapshots (<c>qwen3-asr-flash-realtime-YYYY-MM-DD</c>) always map to <see cref="DefaultEngine"/>.
    /// </summary>
    public IDictionary<string, string> Models { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The engine behind the standard model names. Default <c>pocketsphinx</c> (embedded, offline).</summary>
    public string DefaultEngine { get; set; } = "pocketsphinx";

    /// <summary>
    /// Largest client WebSocket message in bytes. Default 16 MiB: one append with the protocol's 15 MiB of base64 plus
    /// its JSON. Larger messages are discarded with a <c>message_too_large</c> error.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Concurrent CPU-bound recognition slots. Default 0: one per core.</summary>
    public int RecognitionWorkers { get; set; }

    /// <summary>
    /// Path of the Silero VAD v6 model. Default: <c>models/silero_vad_v6.onnx</c> beside the binaries, where
    /// <c>scripts/setup.sh</c> puts it.
    /// </summary>
    public string VadModelPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "models", "silero_vad_v6.onnx");

    /// <summary>How long the server waits for the client to close after <c>session.finished</c>. Default 10 s.</summary>
    public TimeSpan FinishedCloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a close handshake may take before the socket is aborted. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>WebSocket keep-alive ping interval. Default 30 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
