using RealtimeAsr.Recognition;

namespace RealtimeAsr.Server;

/// <summary>
/// The engines this server runs: one instance per <c>RealtimeAsr:Engines:&lt;name&gt;</c> section (its <c>Type</c> and
/// that type's settings beside it), plus the embedded <c>pocketsphinx</c> engine (from <c>RealtimeAsr:PocketSphinx</c>)
/// when no section takes that name. Engines are created and loaded by <see cref="WarmUpAsync"/> before the server takes
/// connections; an engine that cannot start fails start-up, unless its section says <c>Optional: true</c>: then it is
/// marked unavailable and the models it serves are refused at the handshake. See docs/ENGINES.md.
/// </summary>
public sealed class EngineRegistry : IDisposable
{
    /// <summary>The configuration section of the engine instances.</summary>
    public const string SectionName = "Engines";

    /// <summary>The name of the embedded engine, available without configuration.</summary>
    public const string EmbeddedEngineName = "pocketsphinx";

    private readonly Dictionary<string, EngineEntry> _engines = new(StringComparer.OrdinalIgnoreCase);
    private readonly IConfiguration _configuration;
    private readonly Func<ISpeechRecognizer> _embedded;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<IDisposable> _owned = [];

    /// <summary>Reads the engines' sections and checks their types (nothing is created or loaded yet).</summary>
    /// <param name="configuration">The <c>RealtimeAsr</c> section.</param>
    /// <param name="embedded">
    /// Gives the embedded PocketSphinx recogniser (the DI container's <see cref="ISpeechRecognizer"/>, which owns it),
    /// asked for only when the engine is used.
    /// </param>
    /// <param name="loggerFactory">For the engines' logs.</param>
    /// <exception cref="InvalidOperationException">An engine's type is missing or unknown.</exception>
    public EngineRegistry(IConfiguration configuration, Func<ISpeechRecognizer> embedded, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(embedded);
        _configuration = configuration;
        _embedded = embedded;
        _loggerFactory = loggerFactory;
        foreach (var section in configuration.GetSection(SectionName).GetChildren())
        {
            EngineFactory.CheckType(section);
            _engines.Add(section.Key, new EngineEntry(section.Key, section["Type"]!, section.GetValue<bool>("Optional")));
            ConfiguredNames.Add(section.Key);
        }

        _engines.TryAdd(EmbeddedEngineName, new EngineEntry(EmbeddedEngineName, "pocketsphinx", Optional: false));
    }

    /// <summary>The names of all engines, configured or embedded.</summary>
    public IEnumerable<string> Names => _engines.Keys;

    /// <summary>The names of the engines configured under <c>RealtimeAsr:Engines</c>.</summary>
    public IList<string> ConfiguredNames { get; } = [];

    /// <summary>Whether an engine of that name exists (started or not).</summary>
    public bool Contains(string name) => _engines.ContainsKey(name);

    /// <summary>The engine called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No engine has that name.</exception>
    public EngineEntry this[string name] => _engines[name];

    /// <summary>
    /// Creates and loads the engines in <paramref name="used"/>: a required one that fails throws
    /// <see cref="InvalidOperationException"/> whose message names the engine and what is wrong; an optional one is
    /// marked unavailable and returned with its error.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, Exception Error)>> WarmUpAsync(IEnumerable<string> used, CancellationToken cancellationToken)
    {
        List<(string, Exception)> failed = [];
        foreach (var name in used.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var entry = _engines[name];
            try
            {
                entry.Engine ??= Create(entry);
                await entry.Engine.WarmUpAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var problem = e is EngineConfigurationException ? e.Message : $"engine '{name}' ({entry.Type}): {e.Message}";
                if (!entry.Optional)
                {
                    throw new InvalidOperationException(problem, e);
                }

                entry.Unavailable = problem;
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

    private ISpeechEngine Create(EngineEntry entry)
    {
        if (!ConfiguredNames.Contains(entry.Name, StringComparer.OrdinalIgnoreCase))
        {
            // The DI container owns the embedded recogniser, and tests reach (or replace) it there.
            return new IncrementalSpeechEngine(entry.Name, _embedded());
        }

        var engine = EngineFactory.Create(_configuration.GetSection(SectionName).GetSection(entry.Name), _configuration, _loggerFactory);
        if ((engine as IDisposable ?? (engine as IncrementalSpeechEngine)?.Recognizer as IDisposable) is { } owned)
        {
            _owned.Add(owned);
        }

        return engine;
    }
}

/// <summary>An engine of the <see cref="EngineRegistry"/>: its settings and, once started, the engine or why it cannot serve.</summary>
/// <param name="Name">The configured name.</param>
/// <param name="Type">The engine type (<c>pocketsphinx</c>, <c>whisper</c>).</param>
/// <param name="Optional">Whether the server starts without it when it cannot start.</param>
public sealed record EngineEntry(string Name, string Type, bool Optional)
{
    /// <summary>The engine once started; <see langword="null"/> before, or when it could not start.</summary>
    public ISpeechEngine? Engine { get; internal set; }

    /// <summary>Why the engine cannot serve (an optional engine that failed to start), or <see langword="null"/>.</summary>
    public string? Unavailable { get; internal set; }
}
