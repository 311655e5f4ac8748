namespace RealtimeAsr.Sessions;

/// <summary>Per-session tuning shared by every session of a server. Bound from <c>RealtimeAsr:Session</c>.</summary>
public sealed class RealtimeSessionOptions
{
    /// <summary>
    /// How much audio is decoded between two partial results, in milliseconds. Default 240: a few partials per second,
    /// each costing one hypothesis search. Lower is livelier and costs more CPU.
    /// </summary>
    public int PartialIntervalMs { get; set; } = 240;

    /// <summary>
    /// Audio kept from just before detected speech and given to the engine, in milliseconds, so first phonemes are not
    /// clipped. Default 300 (the SDKs' <c>prefix_padding_ms</c>).
    /// </summary>
    public int PreRollMs { get; set; } = 300;

    /// <summary>
    /// Client events queued per session while it computes. Default 64. When full, the server stops reading that
    /// socket (TCP back-pressure) instead of buffering without bound; nothing accepted is dropped.
    /// </summary>
    public int CommandQueueCapacity { get; set; } = 64;

    /// <summary>Reported <c>emotion</c>. Default <c>neutral</c>: the embedded engine has no emotion model.</summary>
    public string Emotion { get; set; } = "neutral";
}
