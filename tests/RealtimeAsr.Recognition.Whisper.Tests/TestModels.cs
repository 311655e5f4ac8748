using RealtimeAsr.WhisperTestModel;

namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>
/// The generated tiny model (and an English-only one when a test asks for it), written once per test run into a
/// temporary folder by the same writer scripts/make-whisper-test-model.sh runs (under a second, so no cache is
/// needed), and deleted afterwards.
/// </summary>
public sealed class TestModels : IDisposable
{
    private readonly Lazy<string> _englishOnlyTiny;

    public TestModels()
    {
        Directory.CreateDirectory(Folder);
        TinyPath = Path.Combine(Folder, "ggml-test-tiny.bin");
        using var file = File.Create(TinyPath);
        TinySha256 = GgmlWhisperWriter.Write(file, WhisperShape.Tiny);
        _englishOnlyTiny = new Lazy<string>(() =>
        {
            var path = Path.Combine(Folder, "ggml-test-tiny.en.bin");
            using var english = File.Create(path);
            GgmlWhisperWriter.Write(english, WhisperShape.Tiny with
            {
                Name = "tiny.en",
                Model = WhisperShape.Tiny.Model with { VocabularySize = 51864 },
                Sha256 = "",
            });
            return path;
        });
    }

    /// <summary>
    /// An English-only tiny model (the shapes of <c>tiny.en</c>: n_vocab 51864), written on first use. Its checksum is
    /// not pinned: only its vocabulary size matters to the tests that use it.
    /// </summary>
    public string EnglishOnlyTinyPath => _englishOnlyTiny.Value;

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
