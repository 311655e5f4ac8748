namespace RealtimeAsr.Server;

/// <summary>
/// How many live sessions the server admits, bound from <c>RealtimeAsr:Limits</c> (the same section holds the limits
/// of one session, <c>RealtimeAsr.Sessions.SessionLimits</c>). A handshake beyond a limit is refused before the upgrade:
/// HTTP 503 with <c>Retry-After</c> when the server (or the model) is full, 429 when the API key's quota is.
/// See docs/OPERATIONS.md, "Admission control".
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>
    /// Most live sessions, all models together. Default 0: derived from the engines' measured capacity, so that the
    /// server admits as many live talkers as its cores carry in real time — each session takes
    /// 1 / <see cref="RealtimeAsr.Recognition.EngineCapabilities.StreamsPerCore"/> of a core (2 sessions per core
    /// with PocketSphinx), and a session is admitted while the sum fits in <see cref="Environment.ProcessorCount"/>
    /// cores. One session is always admitted on an idle server. A positive value replaces that estimate with a plain
    /// count (for a machine whose capacity the operator measured).
    /// </summary>
    public int MaxSessions { get; set; }

    /// <summary>
    /// Most live sessions one API key may hold; the next is refused with 429. Default 0: no per-key limit. Applies only
    /// when API keys are configured.
    /// </summary>
    public int MaxSessionsPerKey { get; set; }

    /// <summary>
    /// Limits per model name, as clients ask for it in <c>?model=</c> (a dated snapshot is a name of its own), e.g.
    /// <c>RealtimeAsr:Limits:Models:qwen3-asr-flash-realtime:MaxSessions=4</c>. Default: none.
    /// </summary>
    public IDictionary<string, ModelLimits> Models { get; } = new Dictionary<string, ModelLimits>(StringComparer.Ordinal);

    /// <summary>
    /// The <c>Retry-After</c> of a refusal for capacity or quota, rounded up to whole seconds. Default 10 s: live
    /// sessions last minutes, so a full server rarely frees a place sooner, and clients retrying faster only add load.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
