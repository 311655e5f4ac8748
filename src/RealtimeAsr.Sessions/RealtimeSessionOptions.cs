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

    /// <summary>
    /// How far an open utterance's audio may fall behind real time before the session stops holding a decoder for it.
    /// Default 5 s. Every append moves the utterance's deadline on by the duration of its audio, but never more than
    /// this past the present, so a client that stops sending (a muted microphone, an app in the background) or sends
    /// slower than real time misses it. Then, with server VAD, the utterance ends as if speech had stopped where the
    /// detector last heard it (<c>speech_stopped</c> … <c>completed</c>); in Manual mode the decoder goes back to the pool
    /// and the uncommitted audio is kept, to be decoded again from its start on the next append or commit. Shorter
    /// than <see cref="DecoderWaitTimeout"/>, so that decoders held by idle sessions come free before anyone gives up
    /// waiting for one. See <c>docs/OPERATIONS.md</c>.
    /// </summary>
    public TimeSpan IdleUtteranceTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an utterance waiting for an engine decoder (all pooled ones lent) may go without any decoder coming free
    /// before it gives up. Default 10 s. While sessions keep giving decoders back, waiting utterances keep their place
    /// and are served in turn: a busy pool only delays them. A pool where nothing comes back for this long is stuck
    /// (every decoder held by long speech, or by something that should have let go), and waiting longer would only
    /// hold up the client: the utterance drops its audio and ends in
    /// <c>conversation.item.input_audio_transcription.failed</c> with code <c>server_busy</c>. The session handles its
    /// client's other events meanwhile and keeps the utterance's audio; only reporting an utterance
    /// (<c>speech_stopped</c>, <c>commit</c>, <c>session.finish</c>) waits for its decoder. See <c>docs/OPERATIONS.md</c>.
    /// </summary>
    public TimeSpan DecoderWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most audio a session processes in one recognition worker slot, in milliseconds: an append is decoded and run
    /// through the VAD this much at a time (counted as 16 kHz PCM bytes), and audio is fed to the engine this much at a
    /// time, so a large append (up to 15 MiB, six minutes of audio) never holds a slot for long while other sessions wait.
    /// Default 1000 (about 0.25 s of CPU for PocketSphinx).
    /// </summary>
    public int WorkSliceMs { get; set; } = 1000;

    /// <summary>
    /// Limits on what one client may hold (idle time, session and utterance length, Manual-mode buffer). Bound from
    /// <c>RealtimeAsr:Limits</c>, not from this section.
    /// </summary>
    public SessionLimits Limits { get; set; } = new();

    /// <summary>Reported <c>emotion</c>. Default <c>neutral</c>: the embedded engine has no emotion model.</summary>
    public string Emotion { get; set; } = "neutral";
}
