using RealtimeAsr.Recognition;

namespace RealtimeAsr.Server;

/// <summary>
/// The engines this server runs: one instance per <c>RealtimeAsr:Engines:&lt;name&gt;</c> section (its <c>Type</c> and
/// that type's settings beside it), plus the embedded <c>pocketsphinx</c> engine (from <c>RealtimeAsr:PocketSphinx</c>)
/// when no section takes that name. Engines are created here and loaded by <see cref="EngineWarmup"/> before the server
/// takes connections; an engine that cannot start fails start-up, unless its section says <c>Optional: true</c>, in
/// which case it is marked unavailable and the models it serves are refused at the handshake. See docs/ENGINES.md.
/// </summary>
public sealed class EngineRegistry : IDisposable
{
    /// <summary>The configuration section of the engine instances.</summary>
    public const string SectionName = "Engines";

    /// <summary>The name of the embedded engine, available without configuration.</summary>
    public const string EmbeddedEngineName = "pocketsphinx";

    private readonly Dictionary<string, EngineEntry> _engines = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IDisposable> _owned = [];

    /// <summary>Creates every configured engine (nothing is loaded yet).</summary>
    /// <param name="configuration">The <c>RealtimeAsr</c> section.</param>
    /// <param name="embedded">
    /// Gives the embedded PocketSphinx recogniser (the DI container's <see cref="ISpeechRecognizer"/>, which owns it),
    /// asked for only when the engine is used.
    /// </param>
    /// <param name="loggerFactory">For the engines' logs.</param>
    /// <exception cref="InvalidOperationException">An engine's settings are wrong; the message names the engine and the setting.</exception>
    public EngineRegistry(IConfiguration configuration, Func<ISpeechRecognizer> embedded, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(embedded);
        try
        {
            foreach (var section in configuration.GetSection(SectionName).GetChildren())
            {
                var engine = EngineFactory.Create(section, configuration, loggerFactory);
                if ((engine as IDisposable ?? (engine as IncrementalSpeechEngine)?.Recognizer as IDisposable) is { } owned)
                {
                    _owned.Add(owned);
                }

                ConfiguredNames.Add(section.Key);

                _engines.Add(section.Key, new EngineEntry(engine, section.GetValue<bool>("Optional")));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        if (!_engines.ContainsKey(EmbeddedEngineName))
        {
            // Created on first use: a server whose models all map to other engines never loads PocketSphinx.
            _engines.Add(EmbeddedEngineName, new EngineEntry(new LazyEmbeddedEngine(EmbeddedEngineName, embedded), Optional: false));
        }
    }

    /// <summary>The names of all engines, configured or embedded.</summary>
    public IEnumerable<string> Names => _engines.Keys;

    /// <summary>The names of the engines configured under <c>RealtimeAsr:Engines</c>.</summary>
    public IList<string> ConfiguredNames { get; } = [];

    /// <summary>Whether an engine of that name exists (available or not).</summary>
    public bool Contains(string name) => _engines.ContainsKey(name);

    /// <summary>
    /// The engine called <paramref name="name"/>, or why it is unavailable (an optional engine that failed to start).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No engine has that name.</exception>
    public EngineEntry this[string name] => _engines[name];

    /// <summary>
    /// Loads the engines that will be used (<paramref name="used"/>): a required one that fails throws
    /// <see cref="InvalidOperationException"/> naming the engine; an optional one is marked unavailable and returned.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, Exception Error)>> WarmUpAsync(IEnumerable<string> used, CancellationToken cancellationToken)
    {
        List<(string, Exception)> failed = [];
        foreach (var name in used.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var entry = _engines[name];
            try
            {
                await entry.Engine.WarmUpAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!entry.Optional)
                {
                    throw new InvalidOperationException($"engine '{name}' cannot start: {e.Message}", e);
                }

                entry.Unavailable = e.Message;
                failed.Add((name, e));
            }
        }

        return failed;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var engine in _owned)
        {
            engine.Dispose();
        }

        _owned.Clear();
    }

    /// <summary>
    /// The embedded engine, created when first warmed up or opened: the DI container owns (and disposes) the
    /// PocketSphinx recogniser, and tests reach the same instance through it.
    /// </summary>
    private sealed class LazyEmbeddedEngine(string name, Func<ISpeechRecognizer> create) : ISpeechEngine
    {
        private readonly Lazy<IncrementalSpeechEngine> _engine = new(() => new IncrementalSpeechEngine(name, create()));

        public string Name => name;

        public EngineCapabilities Capabilities => _engine.Value.Capabilities;

        public ISpeechEngineSession OpenSession(IRecognitionWorkers workers) => _engine.Value.OpenSession(workers);

        public ValueTask WarmUpAsync(CancellationToken cancellationToken) => _engine.Value.WarmUpAsync(cancellationToken);
    }
}

/// <summary>An engine of the <see cref="EngineRegistry"/> and whether it can serve.</summary>
/// <param name="Engine">The engine.</param>
/// <param name="Optional">Whether the server starts without it when it cannot start.</param>
public sealed record EngineEntry(ISpeechEngine Engine, bool Optional)
{
    /// <summary>Why the engine cannot serve (an optional engine that failed to start), or <see langword="null"/>.</summary>
    public string? Unavailable { get; internal set; }
}
