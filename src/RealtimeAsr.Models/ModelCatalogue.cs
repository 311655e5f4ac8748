using System.Diagnostics.CodeAnalysis;

namespace RealtimeAsr.Models;

/// <summary>
/// A list of downloadable models and the source they come from. <see cref="Whisper"/> is the published whisper.cpp
/// catalogue; tests build their own, pointing at a loopback server.
/// </summary>
public sealed class ModelCatalogue
{
    private readonly Dictionary<string, ModelInfo> _byName;

    /// <summary>Creates a catalogue of <paramref name="models"/> published under <paramref name="source"/>.</summary>
    public ModelCatalogue(Uri source, IEnumerable<ModelInfo> models)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(models);
        Source = source;
        Models = [.. models];
        _byName = Models.ToDictionary(model => model.Name, StringComparer.Ordinal);
    }

    /// <summary>The base URL (a folder) the models are downloaded from unless a model names its own.</summary>
    public Uri Source { get; }

    /// <summary>The models, in the catalogue's order (smallest family first).</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>The published whisper.cpp ggml models; see <see cref="WhisperCatalogue"/>.</summary>
    public static ModelCatalogue Whisper { get; } = WhisperCatalogue.Create();

    /// <summary>Finds a model by its catalogue name (exact, case-sensitive, as whisper.cpp names them).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out ModelInfo? model) => _byName.TryGetValue(name, out model);

    /// <summary>Finds a model by name, or throws <see cref="UnknownModelException"/>.</summary>
    public ModelInfo Get(string name) =>
        TryGet(name, out var model) ? model : throw new UnknownModelException(name);

    /// <summary>
    /// The URL of <paramref name="model"/>'s file: under <paramref name="mirror"/> when given (it replaces every
    /// source), else under the model's own source or the catalogue's.
    /// </summary>
    public Uri DownloadUri(ModelInfo model, Uri? mirror = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var source = mirror ?? model.Source ?? Source;
        var folder = source.AbsoluteUri.EndsWith('/') ? source : new Uri(source.AbsoluteUri + "/");
        return new Uri(folder, Uri.EscapeDataString(model.FileName));
    }
}

/// <summary>A model name that is not in the catalogue.</summary>
public sealed class UnknownModelException : Exception
{
    public UnknownModelException(string name)
        : base($"unknown model '{name}'; 'realtime-asr models list' shows the names")
    {
        Name = name;
    }

    public UnknownModelException()
    {
        Name = "";
    }

    public UnknownModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = "";
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }
}
