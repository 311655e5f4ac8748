namespace RealtimeAsr.Server;

/// <summary>A model a client can ask for now, with the engine that serves it and that engine's languages.</summary>
/// <param name="Id">The model name for <c>?model=</c>.</param>
/// <param name="Engine">The engine's configured name.</param>
/// <param name="Languages">Language codes the engine transcribes, sorted.</param>
public sealed record ServedModel(string Id, string Engine, IReadOnlyList<string> Languages);

public sealed partial class ModelCatalog
{
    /// <summary>
    /// The models served right now: the standard name, then the configured <c>RealtimeAsr:Models</c> entries in name
    /// order. Models whose engine has not started or could not start are left out (the handshake refuses them).
    /// Dated snapshots of the standard name are not listed: they reach the same engine.
    /// </summary>
    public IReadOnlyList<ServedModel> ListServed()
    {
        var names = _options.Models.Keys.Order(StringComparer.Ordinal).Prepend(StandardModel);
        List<ServedModel> served = [];
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (Resolve(name) is { Entry: { Engine: { } engine, Unavailable: null } } model)
            {
                served.Add(new ServedModel(name, model.Engine, [.. engine.Capabilities.Languages.Order(StringComparer.Ordinal)]));
            }
        }

        return served;
    }

    /// <summary>The stable alias of the Qwen-ASR Realtime model family.</summary>
    public const string StandardModel = "qwen3-asr-flash-realtime";
}
