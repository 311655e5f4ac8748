using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>
/// Maps the <c>?model=</c> of a handshake to the engine that serves it: <c>RealtimeAsr:Models:&lt;model&gt;</c> names an
/// engine of the <see cref="EngineRegistry"/>, and the standard model names go to <c>RealtimeAsr:DefaultEngine</c>.
/// </summary>
public sealed partial class ModelCatalog
{
    private readonly RealtimeAsrServerOptions _options;
    private readonly EngineRegistry _engines;

    /// <summary>Creates the catalog; every engine it names must exist.</summary>
    /// <exception cref="InvalidOperationException">A model or the default names an engine that is not configured.</exception>
    public ModelCatalog(IOptions<RealtimeAsrServerOptions> options, EngineRegistry engines)
    {
        _options = options.Value;
        _engines = engines;
        foreach (var (model, engine) in _options.Models.Select(m => (m.Key, m.Value)).Append(("(default)", _options.DefaultEngine)))
        {
            if (!engines.Contains(engine))
            {
                var setting = model == "(default)" ? "RealtimeAsr:DefaultEngine" : $"RealtimeAsr:Models:{model}";
                throw new InvalidOperationException(
                    $"{setting} names engine '{engine}', which is not configured. Engines: {string.Join(", ", engines.Names)}.");
            }
        }
    }

    /// <summary>The engines some model is served by.</summary>
    public IEnumerable<string> UsedEngines => _options.Models.Values.Append(_options.DefaultEngine).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The engine name and entry for <paramref name="model"/>, or <see langword="null"/> when the model is not served.</summary>
    public (string Engine, EngineEntry Entry)? Resolve(string model)
    {
        if (_options.Models.TryGetValue(model, out var engine))
        {
            return (engine, _engines[engine]);
        }

        return StandardModelName().IsMatch(model) ? (_options.DefaultEngine, _engines[_options.DefaultEngine]) : null;
    }

    /// <summary>Model names a client can ask for (for error messages).</summary>
    public IEnumerable<string> DescribeModels() =>
        _options.Models.Keys.Prepend("qwen3-asr-flash-realtime[-YYYY-MM-DD]");

    [GeneratedRegex(@"^qwen3-asr-flash-realtime(-\d{4}-\d{2}-\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex StandardModelName();
}
