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
    /// The model cache where an engine's <c>Model</c> setting (a catalogue name such as <c>tiny</c>) is looked up: the
    /// folder <c>realtime-asr models download</c> fills. Default: <c>REALTIME_ASR_MODELS</c>, else
    /// <c>$XDG_CACHE_HOME/realtime-asr/models</c>, else <c>~/.cache/realtime-asr/models</c>.
    /// </summary>
    public string? ModelCache { get; set; }

    /// <summary>
    /// Extra model names served, mapped to an engine name (an engine configured under <c>RealtimeAsr:Engines</c>, or the
    /// embedded <c>pocketsphinx</c>). Default: empty; <c>qwen3-asr-flash-realtime</c> and its dated
    /// snapshots (<c>qwen3-asr-flash-realtime-YYYY-MM-DD</c>) always map to <see cref="DefaultEngine"/>.
    /// </summary>
    public IDictionary<string, string> Models { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The engine behind the standard model names (<c>qwen3-asr-flash-realtime</c> and its snapshots). Default
    /// <c>pocketsphinx</c> (embedded, offline).
    /// </summary>
    public string DefaultEngine { get; set; } = "pocketsphinx";

    /// <summary>
    /// Largest client WebSocket message in bytes, enforced exactly. Default 16 MiB: one append with the protocol's
    /// 15 MiB of base64 plus its JSON. Larger messages are read to their end, discarded and answered with a
    /// <c>message_too_large</c> error.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Client input one connection may hold in memory while its session has not consumed it, in bytes: decoded audio
    /// of queued appends (pooled buffers count at their full size) and the JSON of other queued events. Default 32 MiB
    /// (about 17 minutes of 16 kHz PCM, two appends of the largest size). At the limit the server stops reading the
    /// socket and TCP pushes back on the client. The message that crosses the limit is still taken (its size is known
    /// only once it is read), so a connection holds at most this plus two messages: that one and the one being read.
    /// </summary>
    public long MaxBufferedInputBytes { get; set; } = 32 * 1024 * 1024;

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

    /// <summary>
    /// How long sending one event to the client may take. Default 30 s. A client that stops reading (or a connection
    /// that stopped moving) is aborted without a close frame when a send takes longer, and its session is dropped, so
    /// it no longer holds a decoder or delays a graceful shutdown. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After this long without a frame from the client, the server sends a WebSocket ping. Default 30 s. Zero disables
    /// pings (and with them <see cref="KeepAliveTimeout"/>).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the client has to answer a ping with a pong before the connection is aborted (no close frame) and its
    /// session dropped. Default 30 s: a client that vanished without closing its TCP connection is noticed within
    /// <see cref="KeepAliveInterval"/> + this, not after TCP's own timeout of a quarter of an hour. A pong queued behind
    /// input the server is not reading (back-pressure, see <see cref="MaxBufferedInputBytes"/>) cannot be seen either,
    /// so this also bounds how long a session may take over one queued event while its input is full.
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it (pings then become unanswered pongs that only keep the
    /// connection alive).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the server goes on listening once a stop is requested, not ready: <c>/readyz</c> answers 503, new
    /// sessions are refused with 503 and open ones are being finished, while a load balancer that polls <c>/readyz</c>
    /// takes the server out of rotation; then the port closes and the graceful shutdown goes on. Default 0: the port
    /// closes at once. It counts against the host's shutdown timeout (30 s by default), which should leave open sessions
    /// time to finish after it. See docs/OPERATIONS.md, "Metrics and health".
    /// </summary>
    public TimeSpan ShutdownDelay { get; set; }
}
