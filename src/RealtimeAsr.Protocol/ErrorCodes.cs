namespace RealtimeAsr.Protocol;

/// <summary>
/// <c>error.code</c> values this server sends. The cloud documents only <c>invalid_value</c> and
/// <c>audio_unintelligible</c>; the others follow OpenAI Realtime naming (see docs/PROTOCOL.md).
/// </summary>
public static class ErrorCodes
{
    /// <summary>A field has a value outside its range or enumeration, or a string that is not valid Unicode text.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>A required field is missing.</summary>
    public const string MissingRequiredParameter = "missing_required_parameter";

    /// <summary>The frame is not a JSON object.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The event <c>type</c> is unknown or not supported by this model.</summary>
    public const string InvalidEvent = "invalid_event";

    /// <summary><c>audio</c> is not valid base64.</summary>
    public const string InvalidBase64 = "invalid_base64";

    /// <summary><c>audio</c> of one append is larger than 15 MiB.</summary>
    public const string AudioTooLarge = "audio_too_large";

    /// <summary>A WebSocket message exceeds the server's frame limit.</summary>
    public const string MessageTooLarge = "message_too_large";

    /// <summary>The audio bytes cannot be decoded in the session's format (e.g. a corrupt Ogg Opus stream).</summary>
    public const string InvalidAudio = "invalid_audio";

    /// <summary><c>input_audio_buffer.commit</c> sent while server VAD is on.</summary>
    public const string CommitNotAllowed = "input_audio_buffer_commit_not_allowed";

    /// <summary><c>input_audio_buffer.commit</c> with no audio buffered.</summary>
    public const string CommitEmpty = "input_audio_buffer_commit_empty";

    /// <summary>An event arrived after <c>session.finish</c>.</summary>
    public const string SessionFinishing = "session_finishing";

    /// <summary>
    /// An <c>input_audio_buffer.append</c> in Manual mode would have made the uncommitted audio longer than the server
    /// allows; that append's audio was not taken (what was buffered stays), the session goes on. Commit more often.
    /// </summary>
    public const string InputAudioBufferFull = "input_audio_buffer_full";

    /// <summary>
    /// The client sent nothing for the server's idle timeout; the session is finished (as by <c>session.finish</c>) and
    /// the connection closed.
    /// </summary>
    public const string IdleTimeout = "idle_timeout";

    /// <summary>
    /// The session reached the server's maximum duration (OpenAI's name for the same event); it is finished (as by
    /// <c>session.finish</c>) and the connection closed. Open a new session to go on.
    /// </summary>
    public const string SessionExpired = "session_expired";

    /// <summary>Recognition of an item produced no words (sent in <c>…transcription.failed</c>).</summary>
    public const string AudioUnintelligible = "audio_unintelligible";

    /// <summary>
    /// No recognizer came free for an item in time (all busy), so it was not transcribed (sent in
    /// <c>…transcription.failed</c>); the session goes on.
    /// </summary>
    public const string ServerBusy = "server_busy";

    /// <summary>
    /// The engine failed on an item (a decode error, a remote backend that did not answer), so it was not transcribed
    /// (sent in <c>…transcription.failed</c>); the session goes on.
    /// </summary>
    public const string RecognitionFailed = "recognition_failed";

    /// <summary>
    /// The engine's remote backend (an OpenAI-compatible transcription server, an upstream realtime server) could not be
    /// reached, failed, or is being given a rest after repeated failures, so the item was not transcribed (sent in
    /// <c>…transcription.failed</c>); the session goes on, and later items are tried again.
    /// </summary>
    public const string BackendUnavailable = "backend_unavailable";

    /// <summary>The engine's remote backend did not answer within its configured timeout (sent in <c>…transcription.failed</c>).</summary>
    public const string BackendTimeout = "backend_timeout";

    /// <summary>
    /// The engine's remote backend refused this server's credentials (its key is wrong or lacks access): an operator's
    /// problem, named so, never the client's key (sent in <c>…transcription.failed</c>).
    /// </summary>
    public const string BackendUnauthorized = "backend_unauthorized";

    /// <summary>An internal failure; the server closes the connection after it.</summary>
    public const string InternalError = "internal_error";
}
