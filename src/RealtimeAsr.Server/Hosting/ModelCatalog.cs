using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Server;

/// <summary>Maps the <c>?model=</c> of a handshake to the engine that serves it.</summary>
public sealed partial class ModelCatalog
{
    private readonly RealtimeAsrServerOptions _options;
    private readonly Dictionary<string, ISpeechRecognizer> _engines;

    /// <summary>Creates the catalog over the registered engines.</summary>
    public ModelCatalog(IOptions<RealtimeAsrServerOptions> options, IEnumerable<ISpeechRecognizer> engines)
    {
        _options = options.Value;
        _engines = engines.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var engine in _options.Models.Values.Append(_options.DefaultEngine))
        {
            if (!_engines.ContainsKey(engine))
            {
                throw new InvalidOperationException(
                    $"Engine '{engine}' is configured but not available. Available engines: {string.Join(", ", _engines.Keys)}.");
            }
        }
    }

    /// <summary>The engine for <paramref name="model"/>, or <see langword="null"/> when the model is not served.</summary>
    public ISpeechRecognizer? Resolve(string model)
    {
        if (_options.Models.TryGetValue(model, out var engine))
        {
            return _engines[engine];
        }

        return StandardModelName().IsMatch(model) ? _engines[_options.DefaultEngine] : null;
    }

    /// <summary>Model names a client can ask for (for error messages).</summary>
    public IEnumerable<string> DescribeModels() =>
        _options.Models.Keys.Prepend("qwen3-asr-flash-realtime[-YYYY-MM-DD]");

    [GeneratedRegex(@"^qwen3-asr-flash-realtime(-\d{4}-\d{2}-\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex StandardModelName();
}
