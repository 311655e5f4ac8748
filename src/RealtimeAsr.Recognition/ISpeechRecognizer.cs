namespace RealtimeAsr.Recognition;

/// <summary>
/// An incremental speech recognition engine (feed audio, ask for a hypothesis; CPU-bound and synchronous), such as
/// PocketSphinx; the session core uses it through <see cref="IncrementalSpeechEngine"/>. Loaded once per process; each client session opens an <see cref="IRecognitionSession"/>,
/// which decodes one <see cref="IUtteranceDecoder"/> per utterance. Implementations must be thread-safe: many sessions
/// start utterances concurrently.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>Short engine name used in logs and configuration, e.g. <c>pocketsphinx</c>.</summary>
    string Name { get; }

    /// <summary>Language codes (ISO 639-1, as in the protocol) this engine transcribes.</summary>
    IReadOnlySet<string> SupportedLanguages { get; }

    /// <summary>Live real-time talkers one core carries with this engine (<see cref="EngineCapabilities.StreamsPerCore"/>); <see langword="null"/> when unknown.</summary>
    double? StreamsPerCore => null;

    /// <summary>Opens the engine's state for one client session (cheap: it holds no decoder).</summary>
    IRecognitionSession CreateSession();

    /// <summary>
    /// Starts decoding one utterance on its own, as the first utterance of a new session would be. Engines with pooled decoders wait here until one is free,
    /// so a caller should call this only once it has audio to decode.
    /// </summary>
    ValueTask<IUtteranceDecoder> StartAsync(RecognitionOptions options, CancellationToken cancellationToken);
}
