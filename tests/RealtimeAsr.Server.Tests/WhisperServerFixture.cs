using RealtimeAsr.Testing;
using RealtimeAsr.WhisperTestModel;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The real server with three Whisper engines beside the default PocketSphinx one, on models generated for the run
/// (real shapes, random weights: real speed, nonsense words): <c>whisper-tiny</c> and <c>whisper-base</c> (two models side
/// by side) and <c>whisper-one</c> (the tiny model with one decode at a time, for the pool bound).
/// </summary>
public sealed class WhisperServerFixture() : ServerFixture(Settings(s_models.Value))
{
    public const string Tiny = "whisper-tiny";
    public const string Base = "whisper-base";
    public const string OneDecode = "whisper-one";

    private static readonly Lazy<GeneratedModels> s_models = new(() => new GeneratedModels());

    /// <summary>The generated files.</summary>
    public static GeneratedModels Models => s_models.Value;

    /// <summary>Settings for a Whisper engine in tests: one greedy pass (random weights would make every decode retry).</summary>
    public static string[] EngineSettings(string engine, string modelPath) =>
    [
        $"--RealtimeAsr:Engines:{engine}:Type=whisper", $"--RealtimeAsr:Engines:{engine}:ModelPath={modelPath}",
        $"--RealtimeAsr:Engines:{engine}:TemperatureFallback=0",
    ];

    private static string[] Settings(GeneratedModels models) =>
    [
        .. EngineSettings(Tiny, models.TinyPath), $"--RealtimeAsr:Models:{Tiny}={Tiny}",
        .. EngineSettings(Base, models.BasePath), $"--RealtimeAsr:Models:{Base}={Base}",
        .. EngineSettings(OneDecode, models.TinyPath), $"--RealtimeAsr:Engines:{OneDecode}:MaxConcurrentDecodes=1",
        $"--RealtimeAsr:Models:{OneDecode}={OneDecode}",
        // Generated models run at tiny's speed, which admits one live session per core: these tests open more.
        "--RealtimeAsr:Limits:MaxSessions=1000",
    ];

    /// <summary>
    /// Generated tiny and base models in a folder of this test run (written in about a second), shared by every server
    /// of the run and deleted when the process exits.
    /// </summary>
    public sealed class GeneratedModels
    {
        public GeneratedModels()
        {
            Directory.CreateDirectory(Folder);
            TinyPath = Write("ggml-tiny.bin", WhisperShape.Tiny);
            BasePath = Write("ggml-base.bin", WhisperShape.Base);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Folder, recursive: true);
        }

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "realtimeasr-server-whisper-" + Guid.NewGuid().ToString("N"));

        public string TinyPath { get; }

        public string BasePath { get; }

        private string Write(string name, WhisperShape shape)
        {
            var path = Path.Combine(Folder, name);
            using var file = File.Create(path);
            GgmlWhisperWriter.Write(file, shape);
            return path;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WhisperServer : ICollectionFixture<WhisperServerFixture>
{
    public const string Name = "Whisper server";
}
