using RealtimeAsr.WhisperTestModel;

namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>
/// The generated tiny model, written once per test run into a temporary folder by the same writer
/// scripts/make-whisper-test-model.sh runs (under a second, so no cache is needed), and deleted afterwards.
/// </summary>
public sealed class TestModels : IDisposable
{
    public TestModels()
    {
        Directory.CreateDirectory(Folder);
        TinyPath = Path.Combine(Folder, "ggml-test-tiny.bin");
        using var file = File.Create(TinyPath);
        TinySha256 = GgmlWhisperWriter.Write(file, WhisperShape.Tiny);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "realtimeasr-whisper-tests-" + Guid.NewGuid().ToString("N"));

    public string TinyPath { get; }

    /// <summary>The SHA-256 the writer computed while writing <see cref="TinyPath"/>.</summary>
    public string TinySha256 { get; }

    /// <summary>A file in this run's folder; deleted with it.</summary>
    public string NewPath(string name) => Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class GeneratedModels : ICollectionFixture<TestModels>
{
    public const string Name = "Generated Whisper models";
}
