using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeAsr.Client;

namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// A gateway to an upstream Qwen-ASR Realtime server (Alibaba Cloud, or another RealtimeAsr): a network engine. Each
/// client session gets one upstream session, opened at its first utterance and kept for the next ones, in Manual mode:
/// every utterance the session's VAD finds (or the client commits) is appended upstream and committed once, and the
/// upstream's partials and final are relayed. The upstream key stays on this server. Upstream refusal, loss or silence
/// fail the item with <c>backend_unauthorized</c>, <c>backend_unavailable</c> or <c>backend_timeout</c>; the next
/// utterance connects again. See docs/ENGINES.md, "qwen-realtime (gateway)".
/// </summary>
public sealed partial class QwenRealtimeEngine : ISpeechEngine
{
    private readonly QwenRealtimeEngineOptions _options;
    private readonly RealtimeAsrClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates the engine; nothing is contacted until a session speaks.</summary>
    /// <param name="name">The configured engine name (logs, error messages).</param>
    /// <param name="options">Settings; validated and copied here.</param>
    /// <param name="loggerFactory">Where logs go; none by default.</param>
    /// <exception cref="ArgumentException">A setting is missing or out of range, or the key would travel unencrypted.</exception>
    public QwenRealtimeEngine(string name, QwenRealtimeEngineOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        _options = options.Snapshot();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<QwenRealtimeEngine>();
        var clientOptions = new RealtimeAsrClientOptions
        {
            Endpoint = _options.Url!,
            Model = _options.Model,
            ApiKey = string.IsNullOrEmpty(_options.ApiKey) ? null : _options.ApiKey,
            Workspace = _options.Workspace,
            AllowApiKeyOverInsecureTransport = _options.AllowApiKeyOverInsecureTransport,
            ConnectTimeout = _options.ConnectTimeout,
            LoggerFactory = loggerFactory,
        };
        // Throws ArgumentException for a key over ws:// to another host: the configuration is wrong, not the upstream.
        _client = new RealtimeAsrClient(clientOptions);
        Capabilities = new EngineCapabilities
        {
            Languages = _options.EffectiveLanguages,
            Kind = EngineKind.Network,
            DetectsLanguage = true,
            UsesContext = true,
            // The upstream's work costs this machine next to nothing: no core-based session limit.
            StreamsPerCore = null,
        };
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Network engine; the configured languages; the upstream detects the language and uses the context.</summary>
    public EngineCapabilities Capabilities { get; }

    /// <summary>The upstream session URL (<c>Url?model=Model</c>), for logs and tests.</summary>
    public Uri UpstreamUri => _client.SessionUri;

    /// <summary>The engine's settings as validated (a copy of what was passed in).</summary>
    internal QwenRealtimeEngineOptions Options => _options;

    /// <summary>
    /// Does nothing: the upstream is not contacted at start-up, so a gateway starts (and reports ready) while its
    /// upstream is down; its items fail with <c>backend_unavailable</c> until it is back.
    /// </summary>
    public ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        Log.Ready(_logger, Name, _client.SessionUri);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ISpeechEngineSession OpenSession(IRecognitionWorkers workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return new QwenRealtimeEngineSession(this, _client, _logger);
    }
}
