namespace RealtimeAsr.Sessions;

/// <summary>
/// Limits on what one client may hold: how long it may stay silent, how long a session and an utterance may last, and
/// how much audio it may leave uncommitted. Bound from <c>RealtimeAsr:Limits</c>; each is disabled by
/// <see cref="Timeout.InfiniteTimeSpan"/> (<c>-00:00:00.001</c> in configuration). See <c>docs/OPERATIONS.md</c>,
/// "Limits on a session".
/// </summary>
public sealed class SessionLimits
{
    /// <summary>
    /// How long a session may go without receiving any client event before the server ends it. Default 60 s, the time
    /// after which the cloud's Fun-ASR realtime service gives up on a client that sends no audio. Counted from each
    /// message's arrival (while the server is still busy with earlier input, the client is not idle); WebSocket pings
    /// and pongs do not count. The client gets an <c>error</c> with code <c>idle_timeout</c>, the session is finished as
    /// by <c>session.finish</c> (the utterance in progress is reported, then <c>session.finished</c>), and the connection
    /// closes with 1008 (policy violation).
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a session may last, from its start. Default 2 h: longer than any dictation or meeting a session is
    /// meant for, short enough that a forgotten client cannot hold a connection for days. The client gets an
    /// <c>error</c> with code <c>session_expired</c>, the session is finished as by <c>session.finish</c>, and the
    /// connection closes with 1001 (going away), as OpenAI's Realtime API does at its own session limit.
    /// </summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Longest utterance with server VAD, from <c>speech_started</c>; at least 1 s. Default 30 s: PocketSphinx's final
    /// pass grows with the utterance (0.7 s of CPU for 8 s of audio, 3.6 s for 60 s) and holds its decoder meanwhile,
    /// and Whisper decodes 30 s windows. Once an utterance is this long it ends at its next pause, however short
    /// (a frame below the detector's continue probability), or at one and a half times this length if no pause comes,
    /// with the usual events (<c>speech_stopped</c> … <c>.completed</c>); speech that goes on is a new item whose
    /// <c>audio_start_ms</c> is the previous one's <c>audio_end_ms</c>. No audio is lost or repeated.
    /// </summary>
    public TimeSpan MaxUtteranceDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most uncommitted audio in Manual mode; at least 1 s. Default 120 s: the cloud's samples keep to at most 60 s of
    /// audio per commit, so clients written for the cloud never come near it, while a client that never commits holds
    /// at most about 3.8 MB of audio and a final pass of about 7 s of CPU. An append that would make the buffer longer is
    /// refused whole with an <c>error</c> (code <c>input_audio_buffer_full</c>): the audio buffered before it stays, to
    /// be committed, and the session goes on.
    /// </summary>
    public TimeSpan MaxManualBufferDuration { get; set; } = TimeSpan.FromSeconds(120);
}
