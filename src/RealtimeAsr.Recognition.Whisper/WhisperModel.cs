using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Whisper.net;

namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// One Whisper model file loaded once into whisper.cpp and shared: every stream builds its own (cheap) processor from
/// it with <see cref="CreateProcessorBuilder"/>. The file is checked by <see cref="WhisperModelFile"/> first, so a
/// missing, corrupt, truncated or weightless file fails here with one <see cref="WhisperModelException"/> whose message
/// names the file and the command that fetches a model, never inside native code.
/// </summary>
public sealed partial class WhisperModel : IDisposable
{
    private readonly WhisperFactory _factory;

    private WhisperModel(string path, WhisperModelInfo info, WhisperFactory factory)
    {
        FilePath = path;
        Info = info;
        _factory = factory;
    }

    /// <summary>The model file, as given.</summary>
    public string FilePath { get; }

    /// <summary>The file's hyperparameters: size family, multilingual or English-only, shapes.</summary>
    public WhisperModelInfo Info { get; }

    /// <summary>Checks and loads the model at <paramref name="path"/> (whisper.cpp reads the whole file: tiny ≈ 75 MB).</summary>
    /// <exception cref="WhisperModelException">The file is missing or unusable.</exception>
    public static WhisperModel Load(string path, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var info = WhisperModelFile.Read(path);
        WhisperFactory factory;
        try
        {
            factory = WhisperFactory.FromPath(path, new WhisperFactoryOptions { DelayInitialization = false });
        }
        catch (Exception e) when (e is WhisperModelLoadException or IOException or DllNotFoundException or InvalidOperationException)
        {
            throw new WhisperModelException(path, $"was refused by whisper.cpp ({e.Message})", e);
        }

        Log.Loaded(logger, path, info.Size, info.IsMultilingual, (long)clock.Elapsed.TotalMilliseconds);
        return new WhisperModel(path, info, factory);
    }

    /// <summary>A builder for one stream's processor; the processor is not thread-safe, the model is shared.</summary>
    public WhisperProcessorBuilder CreateProcessorBuilder() => _factory.CreateBuilder();

    public void Dispose() => _factory.Dispose();
}
