namespace RealtimeAsr.Recognition;

/// <summary>How an engine produces results; see docs/ENGINES.md, "The engine contract".</summary>
public enum EngineKind
{
    /// <summary>Decodes audio as it arrives and gives a hypothesis on request (PocketSphinx).</summary>
    Incremental,

    /// <summary>Re-decodes the growing utterance for partials and decodes it whole for the final (Whisper, HTTP backends).</summary>
    Window,

    /// <summary>Streams audio to another service and relays its results (an upstream realtime server).</summary>
    Network,
}

/// <summary>What an engine can do, for validating session settings and for describing the engine to clients.</summary>
public sealed record EngineCapabilities
{
    /// <summary>Language codes of the protocol (ISO 639-1, <c>yue</c>, <c>fil</c>) the engine transcribes.</summary>
    public required IReadOnlySet<string> Languages { get; init; }

    /// <summary>How the engine produces results.</summary>
    public EngineKind Kind { get; init; }

    /// <summary>Whether the engine detects the language when the session sets none (reported in every result).</summary>
    public bool DetectsLanguage { get; init; }

    /// <summary>Whether the engine uses the session's context text (<c>corpus.text</c>) to bias recognition.</summary>
    public bool UsesContext { get; init; }

    /// <summary>Whether the engine recognises emotion (otherwise the session reports its configured default).</summary>
    public bool DetectsEmotion { get; init; }

    /// <summary>The sample rate the engine's model works at; audio reaches it at <see cref="RecognitionAudio.SampleRate"/>.</summary>
    public int PreferredSampleRate { get; init; } = RecognitionAudio.SampleRate;

    /// <summary>
    /// How many live talkers (sessions sending audio at real-time pace) one processor core carries with this engine
    /// while keeping end of speech → final as quick as for a single talker, as the project's benchmark measures it
    /// (<c>docs/BENCHMARKS.md</c>); <see langword="null"/> when the engine costs this machine little CPU (it works
    /// elsewhere) or is unknown. The server derives its default session limit from it (<c>docs/OPERATIONS.md</c>,
    /// "Admission control").
    /// </summary>
    public double? StreamsPerCore { get; init; }
}
