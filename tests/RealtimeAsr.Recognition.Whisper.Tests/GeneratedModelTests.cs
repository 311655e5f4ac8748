using System.Security.Cryptography;
using RealtimeAsr.WhisperTestModel;

namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>What scripts/make-whisper-test-model.sh writes: the real tiny/base shapes, the same bytes every run.</summary>
[Collection(GeneratedModels.Name)]
public sealed class GeneratedModelTests(TestModels models)
{
    [Fact]
    public void Tiny_is_the_pinned_file_byte_for_byte()
    {
        Assert.Equal(WhisperShape.Tiny.Sha256, models.TinySha256);
        using var file = File.OpenRead(models.TinyPath);
        Assert.Equal(WhisperShape.Tiny.Sha256, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    [Fact]
    public void Tiny_reads_back_with_the_hyperparameters_and_tensors_of_whisper_tiny()
    {
        var info = WhisperModelFile.Read(models.TinyPath);

        Assert.Equal(new WhisperModelInfo(51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, FileType: 1), info);
        Assert.Equal("tiny", info.Size);
        Assert.True(info.IsMultilingual);
        Assert.Equal(167, info.ExpectedTensorCount);
        // Published ggml-tiny.bin is 77 691 713 bytes; only the vocabulary's text differs in length.
        Assert.InRange(new FileInfo(models.TinyPath).Length, 77_000_000, 78_000_000);
    }

    [Fact]
    public void Base_reads_back_with_the_hyperparameters_of_whisper_base_and_is_deterministic()
    {
        var path = models.NewPath("ggml-test-base.bin");
        string sha256;
        using (var file = File.Create(path))
        {
            sha256 = GgmlWhisperWriter.Write(file, WhisperShape.Base);
        }

        var info = WhisperModelFile.Read(path);

        Assert.Equal(WhisperShape.Base.Sha256, sha256);
        Assert.Equal(new WhisperModelInfo(51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80, FileType: 1), info);
        Assert.Equal("base", info.Size);
        Assert.InRange(new FileInfo(path).Length, 147_000_000, 149_000_000);
        File.Delete(path);
    }

    [Fact]
    public void The_vocabulary_is_readable_nonsense_with_every_printable_character()
    {
        Assert.Equal("a", SyntheticVocabulary.Token('a' - ' '));
        Assert.Equal(" ", SyntheticVocabulary.Token(0));
        var words = Enumerable.Range(95, 2000).Select(SyntheticVocabulary.Token).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.All(words, w => Assert.Matches("^ ?([bdfgklmnprstvz][aeiou])+$", w));
        Assert.Equal(50257, SyntheticVocabulary.Tokens(WhisperShape.Tiny).Count());
    }
}
