namespace RealtimeAsr.Recognition;

/// <summary>
/// A configured speech recognition engine, as the session core sees every kind of recogniser: incremental CPU engines
/// (PocketSphinx, through <see cref="IncrementalSpeechEngine"/>), window engines that re-decode the growing utterance
/// (Whisper, remote HTTP backends, through <see cref="WindowUtteranceRecognition"/>) and network engines that stream to
/// another service. Loaded once per process; each client session opens an <see cref="ISpeechEngineSession"/>, which
/// recognises one <see cref="IUtteranceRecognition"/> per utterance. Thread-safe: many sessions use it at once.
/// See docs/ENGINES.md, "The engine contract".
/// </summary>
public interface ISpeechEngine
{
    /// <summary>The engine's configured name, used in logs, configuration and error messages (e.g. <c>pocketsphinx</c>).</summary>
    string Name { get; }

    /// <summary>What the engine can do: languages, detection, context biasing, emotion, preferred sample rate, kind.</summary>
    EngineCapabilities Capabilities { get; }

    /// <summary>
    /// Opens the engine's state for one client session. <paramref name="workers"/> are the server's bounded recognition
    /// workers: the engine runs its CPU-bound work there and awaits I/O outside them.
    /// </summary>
    ISpeechEngineSession OpenSession(IRecognitionWorkers workers);

    /// <summary>
    /// Loads what the engine needs before the server takes connections (models, a first decoder), so a broken engine
    /// fails start-up with a clear message instead of the first session.
    /// </summary>
    ValueTask WarmUpAsync(CancellationToken cancellationToken);
}
