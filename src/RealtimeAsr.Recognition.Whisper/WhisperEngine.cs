using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// Whisper (whisper.cpp through Whisper.net) as a window engine: the model is loaded once by <see cref="WarmUpAsync"/>
/// and shared; every utterance keeps its audio and re-decodes the growing window for partial results
/// (<see cref="WindowUtteranceRecognition"/>), then decodes it whole for the final. Decodes run on a bounded pool of
/// <see cref="WhisperEngineOptions.EffectiveMaxConcurrentDecodes"/> decoders with
/// <see cref="WhisperEngineOptions.EffectiveThreads"/> threads each, and each inside one of the server's recognition
/// workers. See docs/ENGINES.md, "Whisper".
/// </summary>
/// <remarks>
/// <see cref="Capabilities"/> and <see cref="OpenSession"/> need the model: they throw
/// <see cref="InvalidOperationException"/> until <see cref="WarmUpAsync"/> has loaded it, rather than load a model of
/// hundreds of megabytes inside a property or a session's first call.
/// </remarks>
public sealed partial class WhisperEngine : ISpeechEngine, IDisposable
{
    private readonly WhisperEngineOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Loaded? _loaded;
    private volatile bool _disposed;

    /// <summary>Creates the engine; the model is loaded by <see cref="WarmUpAsync"/>.</summary>
    /// <param name="name">The configured engine name (logs, errors).</param>
    /// <param name="options">Settings; validated and copied here.</param>
    /// <param name="loggerFactory">Where logs go; none by default.</param>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public WhisperEngine(string name, WhisperEngineOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        _options = options.Snapshot();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WhisperEngine>();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// Window engine; the protocol's languages the model transcribes (an English-only <c>.en</c> model: <c>en</c>);
    /// detects the language when the session sets none (multilingual models); uses the session's context as the
    /// decoder's prompt; 16 kHz.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not loaded yet (<see cref="WarmUpAsync"/>).</exception>
    public EngineCapabilities Capabilities => Model.Capabilities;

    /// <summary>The loaded model's hyperparameters (size, multilingual).</summary>
    /// <exception cref="InvalidOperationException">The model is not loaded yet (<see cref="WarmUpAsync"/>).</exception>
    public WhisperModelInfo ModelInfo => Model.Model.Info;

    /// <summary>How many decodes may run at once, engine-wide (<see cref="WhisperEngineOptions.EffectiveMaxConcurrentDecodes"/>).</summary>
    public int MaxConcurrentDecodes => _options.EffectiveMaxConcurrentDecodes;

    /// <summary>Threads whisper.cpp uses for each decode (<see cref="WhisperEngineOptions.EffectiveThreads"/>).</summary>
    public int Threads => _options.EffectiveThreads;

    /// <summary>
    /// Decodes running inside whisper.cpp at this moment, at most <see cref="MaxConcurrentDecodes"/>; 0 before the model
    /// is loaded. For monitoring: sampled over time, it shows how busy the decoders are and when decodes queue.
    /// </summary>
    public int DecodesRunning => _loaded?.Pool.Running ?? 0;

    /// <summary>The most decodes that ran inside whisper.cpp at once so far; never above the pool's bound.</summary>
    internal int PeakConcurrentDecodes => _loaded?.Pool.PeakRunning ?? 0;

    /// <summary>Called inside the worker slot before each decode, with its settings (tests).</summary>
    internal Action<WhisperDecodeSettings>? DecodeStarting { get; set; }

    /// <summary>The engine's settings as validated (a copy of what was passed in).</summary>
    internal WhisperEngineOptions Options => _options;

    /// <summary>
    /// Loads the model (once; later calls return at once). Safe to call from several threads; after a failure the next
    /// call tries again (the file may have been downloaded meanwhile).
    /// </summary>
    /// <exception cref="WhisperModelException">The model file is missing or unusable; the message names it and the fetch command.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public async ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_loaded is not null)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loaded is not null)
            {
                return;
            }

            // whisper.cpp reads the whole file (75 MB to 3 GB): off the caller's thread.
            var model = await Task.Run(() => WhisperModel.Load(_options.ModelPath, _logger), cancellationToken).ConfigureAwait(false);
            var pool = new WhisperDecoderPool(model, _options.EffectiveMaxConcurrentDecodes, _options.EffectiveThreads,
                _options.NoSpeechThreshold);
            var capabilities = new EngineCapabilities
            {
                Languages = WhisperLanguages.SupportedBy(model.Info),
                Kind = EngineKind.Window,
                DetectsLanguage = model.Info.IsMultilingual,
                UsesContext = true,
                PreferredSampleRate = RecognitionAudio.SampleRate,
                StreamsPerCore = WhisperCapacity.StreamsPerCore(model.Info),
            };
            _loaded = new Loaded(model, pool, capabilities);
            Log.Ready(_logger, Name, model.Info.Size, model.Info.IsMultilingual, pool.Capacity, _options.EffectiveThreads);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The model is not loaded yet (<see cref="WarmUpAsync"/>).</exception>
    public ISpeechEngineSession OpenSession(IRecognitionWorkers workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return new WhisperEngineSession(this, Model, workers);
    }

    /// <summary>Refuses new decodes; the model is freed once the decodes in flight have returned.</summary>
    public void Dispose()
    {
        _loading.Wait();
        try
        {
            _disposed = true;
            _loaded?.Pool.Dispose();
        }
        finally
        {
            _loading.Release();
        }
    }

    private Loaded Model
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _loaded ?? throw new InvalidOperationException(
                $"Whisper engine '{Name}' has not loaded its model '{_options.ModelPath}' yet: call WarmUpAsync first.");
        }
    }

    /// <summary>What <see cref="WarmUpAsync"/> produced.</summary>
    internal sealed record Loaded(WhisperModel Model, WhisperDecoderPool Pool, EngineCapabilities Capabilities);
}
