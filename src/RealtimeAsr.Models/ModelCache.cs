using System.Diagnostics.CodeAnalysis;

namespace RealtimeAsr.Models;

/// <summary>
/// The folder downloaded models live in, one file per model under its published file name (<c>ggml-tiny.bin</c>).
/// The server resolves a catalogue name through it (<see cref="TryResolve"/>); <c>realtime-asr models</c> fills and
/// checks it.
/// </summary>
/// <remarks>
/// The folder is, first found: an explicit folder (<c>--cache DIR</c>), the <c>REALTIME_ASR_MODELS</c> environment
/// variable, then the platform's cache folder: <c>$XDG_CACHE_HOME/realtime-asr/models</c> or
/// <c>~/.cache/realtime-asr/models</c> on Linux, <c>~/Library/Caches/realtime-asr/models</c> on macOS,
/// <c>%LOCALAPPDATA%\realtime-asr\models</c> on Windows.
/// </remarks>
public sealed class ModelCache
{
    /// <summary>The environment variable naming the cache folder.</summary>
    public const string FolderVariable = "REALTIME_ASR_MODELS";

    /// <summary>Creates a cache over <paramref name="folder"/> (created on the first download) for <paramref name="catalogue"/>.</summary>
    public ModelCache(string folder, ModelCatalogue? catalogue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        Catalogue = catalogue ?? ModelCatalogue.Whisper;
    }

    /// <summary>The cache folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The catalogue whose names this cache resolves.</summary>
    public ModelCatalogue Catalogue { get; }

    /// <summary>
    /// Opens the cache in <paramref name="folder"/> when given, else the folder <see cref="DefaultFolder"/> names.
    /// </summary>
    /// <param name="folder">An explicit folder (a <c>--cache</c> option), or <see langword="null"/>.</param>
    /// <param name="catalogue">The catalogue; default <see cref="ModelCatalogue.Whisper"/>.</param>
    /// <param name="getEnvironmentVariable">Reads environment variables; default the process environment.</param>
    public static ModelCache Open(string? folder = null, ModelCatalogue? catalogue = null, Func<string, string?>? getEnvironmentVariable = null) =>
        new(string.IsNullOrWhiteSpace(folder) ? DefaultFolder(getEnvironmentVariable) : folder, catalogue);

    /// <summary>The cache folder when none is given: <c>REALTIME_ASR_MODELS</c>, else the platform's cache folder.</summary>
    public static string DefaultFolder(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (env(FolderVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (OperatingSystem.IsWindows())
        {
            var local = env("LOCALAPPDATA") is { Length: > 0 } value ? value : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(local, "realtime-asr", "models");
        }

        var home = env("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Caches", "realtime-asr", "models");
        }

        // XDG Base Directory: a relative $XDG_CACHE_HOME is invalid and ignored.
        var cacheHome = env("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? xdg : Path.Combine(home, ".cache");
        return Path.Combine(cacheHome, "realtime-asr", "models");
    }

    /// <summary>Where <paramref name="model"/>'s file is (or would be) in the cache.</summary>
    public string PathOf(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Path.Combine(Folder, model.FileName);
    }

    /// <summary>
    /// Whether <paramref name="model"/>'s file is in the cache: present (and of its exact size when that is known). The
    /// content is not hashed; <see cref="VerifyAsync"/> does that.
    /// </summary>
    public bool IsCached(ModelInfo model)
    {
        var file = new FileInfo(PathOf(model));
        return file.Exists && (model.Size is not { } size || file.Length == size);
    }

    /// <summary>
    /// Resolves a catalogue name to its cached file, without hashing it: what the server does at start-up for an
    /// engine's <c>Model</c> setting.
    /// </summary>
    /// <returns><see langword="false"/> when the name is unknown or the file is not in the cache.</returns>
    public bool TryResolve(string name, [NotNullWhen(true)] out string? path)
    {
        path = null;
        if (!Catalogue.TryGet(name, out var model) || !IsCached(model))
        {
            return false;
        }

        path = PathOf(model);
        return true;
    }

    /// <summary>
    /// Resolves a catalogue name to its cached file, or throws with one line that says what is wrong and the command
    /// that fixes it: <see cref="UnknownModelException"/> for a name not in the catalogue, <see cref="FileNotFoundException"/>
    /// naming <c>realtime-asr models download NAME</c> for a model not downloaded.
    /// </summary>
    public string Resolve(string name)
    {
        var model = Catalogue.Get(name);
        var path = PathOf(model);
        if (!IsCached(model))
        {
            throw new FileNotFoundException(
                $"model '{name}' is not in the model cache ({path}); fetch it with 'realtime-asr models download {name}'"
                + (Folder == DefaultFolder() ? "" : $" --cache {Folder}"),
                path);
        }

        return path;
    }

    /// <summary>The catalogue's models whose files are in the cache, in catalogue order.</summary>
    public IReadOnlyList<ModelInfo> CachedModels() => [.. Catalogue.Models.Where(IsCached)];

    /// <summary>Checks <paramref name="model"/>'s cached file against its published checksum (reads the whole file).</summary>
    public async Task<ModelCheck> VerifyAsync(ModelInfo model, CancellationToken cancellationToken = default)
    {
        var path = PathOf(model);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return new ModelCheck(model, path, ModelFileState.Missing, null);
        }

        if (model.Size is { } size && file.Length != size)
        {
            return new ModelCheck(model, path, ModelFileState.Corrupt, null, $"{file.Length} bytes, expected {size}");
        }

        var sha1 = await ModelChecksum.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
        if (model.Sha1 is null)
        {
            return new ModelCheck(model, path, ModelFileState.Unverified, sha1);
        }

        return string.Equals(sha1, model.Sha1, StringComparison.OrdinalIgnoreCase)
            ? new ModelCheck(model, path, ModelFileState.Good, sha1)
            : new ModelCheck(model, path, ModelFileState.Corrupt, sha1, $"SHA-1 {sha1}, expected {model.Sha1}");
    }
}

/// <summary>What <see cref="ModelCache.VerifyAsync"/> found.</summary>
public enum ModelFileState
{
    /// <summary>No file in the cache.</summary>
    Missing,

    /// <summary>The file matches the published checksum.</summary>
    Good,

    /// <summary>The file does not match: wrong checksum or wrong size. Download it again.</summary>
    Corrupt,

    /// <summary>The file is present but no checksum is published for this model, so it cannot be checked.</summary>
    Unverified,
}

/// <summary>The result of checking one cached model file.</summary>
/// <param name="Model">The model.</param>
/// <param name="Path">Its file in the cache.</param>
/// <param name="State">What was found.</param>
/// <param name="Sha1">The file's SHA-1 when it was hashed.</param>
/// <param name="Problem">For <see cref="ModelFileState.Corrupt"/>, what is wrong, for people.</param>
public sealed record ModelCheck(ModelInfo Model, string Path, ModelFileState State, string? Sha1, string? Problem = null);
