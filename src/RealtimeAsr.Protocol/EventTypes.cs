namespace RealtimeAsr.Protocol;

/// <summary>The <c>type</c> strings of every event in the Qwen-ASR Realtime protocol.</summary>
public static class EventTypes
{
    /// <summary>Client: set or change the session configuration.</summary>
    public const string SessionUpdate = "session.update";

    /// <summary>Client: add base64 audio to the input buffer.</summary>
    public const string InputAudioBufferAppend = "input_audio_buffer.append";

    /// <summary>Client (Manual mode only): the buffered audio is one utterance.</summary>
    public const string InputAudioBufferCommit = "input_audio_buffer.commit";

    /// <summary>Client: discard the uncommitted audio.</summary>
    public const string InputAudioBufferClear = "input_audio_buffer.clear";

    /// <summary>Client: finish the session after the pending results.</summary>
    public const string SessionFinish = "session.finish";

    /// <summary>Server: a request or server error.</summary>
    public const string Error = "error";

    /// <summary>Server: first event of every session, with the default configuration.</summary>
    public const string SessionCreated = "session.created";

    /// <summary>Server: a <c>session.update</c> was applied.</summary>
    public const string SessionUpdated = "session.updated";

    /// <summary>Server (VAD mode): speech began.</summary>
    public const string SpeechStarted = "input_audio_buffer.speech_started";

    /// <summary>Server (VAD mode): speech ended.</summary>
    public const string SpeechStopped = "input_audio_buffer.speech_stopped";

    /// <summary>Server: the input buffer became an item.</summary>
    public const string InputAudioBufferCommitted = "input_audio_buffer.committed";

    /// <summary>Server: the input buffer was cleared.</summary>
    public const string InputAudioBufferCleared = "input_audio_buffer.cleared";

    /// <summary>Server: a conversation item was created.</summary>
    public const string ConversationItemCreated = "conversation.item.created";

    /// <summary>Server: a partial result (<c>text</c> + <c>stash</c> snapshot).</summary>
    public const string TranscriptionText = "conversation.item.input_audio_transcription.text";

    /// <summary>Server: the final result of an item.</summary>
    public const string TranscriptionCompleted = "conversation.item.input_audio_transcription.completed";

    /// <summary>Server: recognition of an item failed.</summary>
    public const string TranscriptionFailed = "conversation.item.input_audio_transcription.failed";

    /// <summary>Server: every result is out; the client should close.</summary>
    public const string SessionFinished = "session.finished";
}
