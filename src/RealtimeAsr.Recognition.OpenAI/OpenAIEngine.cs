using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/audio/transcriptions</c> backend (vLLM serving Qwen3-ASR, <c>qwen-asr-serve</c>,
/// speaches, OpenAI, another RealtimeAsr) as a window engine: every utterance keeps its audio and re-decodes the growing
/// window at the backend for partial results (<see cref="WindowUtteranceRecognition"/>), then sends it whole for the
/// final. Inference happens elsewhere, so the engine costs this machine little (no <c>StreamsPerCore</c>). A backend
/// failure fails that item with <c>backend_unavailable</c>, <c>backend_timeout</c> or <c>backend_unauthorized</c>;
/// partials are skipped meanwhile, and the engine uses the backend again as soon as it answers. See docs/ENGINES.md,
/// "OpenAI-compatible backends".
/// </summary>
public sealed class OpenAIEngine : ISpeechEngine, IDisposable
{
    private readonly ILogger _logger;

    /// <summary>Creates the engine; nothing is sent until <see cref="WarmUpAsync"/> or the first utterance.</summary>
    /// <param name="name">The configured engine name (logs, errors).</param>
    /// <param name="options">Settings; validated and copied here.</param>
    /// <param name="loggerFactory">Where logs go; none by default.</param>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public OpenAIEngine(string name, OpenAIEngineOptions options, ILoggerFactory? loggerFactory = null)
        : this(name, options, loggerFactory, handler: null)
    {
    }

    /// <summary>Creates the engine over <paramref name="handler"/> instead of its own sockets, on <paramref name="time"/> (tests).</summary>
    internal OpenAIEngine(string name, OpenAIEngineOptions options, ILoggerFactory? loggerFactory, HttpMessageHandler? handler,
        TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        Options = options.Snapshot();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<OpenAIEngine>();
        Backend = new TranscriptionBackend(name, Options, _logger, handler, time);
        Capabilities = new EngineCapabilities
        {
            Languages = Options.EffectiveLanguages,
            Kind = EngineKind.Window,
            // Some backends name the language (Qwen3-ASR's header, a "language" field), others never do.
            DetectsLanguage = false,
            // The session's context is sent as the prompt; what the backend makes of it is its own.
            UsesContext = true,
            PreferredSampleRate = RecognitionAudio.SampleRate,
            StreamsPerCore = null,
        };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Window engine; the configured languages; the session's context sent as the prompt; 16 kHz.</summary>
    public EngineCapabilities Capabilities { get; }

    /// <summary>The engine's settings as validated (a copy of what was passed in).</summary>
    internal OpenAIEngineOptions Options { get; }

    /// <summary>The engine's connection to its backend.</summary>
    internal TranscriptionBackend Backend { get; }

    /// <summary>
    /// Asks the backend for its models once: a refused key or a model it does not serve fails start-up; a backend that
    /// is down only gets a warning (it may start after this server), and its items fail until it answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">The backend refused the key or does not serve the model.</exception>
    public async ValueTask WarmUpAsync(CancellationToken cancellationToken) =>
        await BackendProbe.CheckAsync(Name, Backend, Options, _logger, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public ISpeechEngineSession OpenSession(IRecognitionWorkers workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return new OpenAIEngineSession(this);
    }

    /// <summary>Closes the connections to the backend; requests in flight fail.</summary>
    public void Dispose() => Backend.Dispose();
}
