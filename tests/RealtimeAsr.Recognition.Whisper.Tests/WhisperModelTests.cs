using System.Diagnostics;
using RealtimeAsr.Testing;
using RealtimeAsr.WhisperTestModel;
using Whisper.net;
using Xunit.Abstractions;

namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>Loading through Whisper.net: the generated tiny model decodes real speech; bad files fail with one clear line.</summary>
[Collection(GeneratedModels.Name)]
public sealed class WhisperModelTests(TestModels models, ITestOutputHelper output)
{
    [Fact]
    public async Task Generated_tiny_loads_and_decodes_real_speech()
    {
        var clip = TestAudio.LibriVoxClips()[0];
        var samples = clip.Samples.Select(s => s / 32768f).ToArray();

        var clock = Stopwatch.StartNew();
        using var model = WhisperModel.Load(models.TinyPath);
        var loadTime = clock.Elapsed;
        Assert.Equal("tiny", model.Info.Size);

        // One greedy pass, no temperature fallback: random weights are never confident, so with the default fallback
        // whisper.cpp would re-decode each window at five more temperatures (five sampled decoders each) and cost
        // several times what a real model does on clear speech.
        var encodes = 0;
        await using var processor = model.CreateProcessorBuilder().WithThreads(2).WithLanguage("en")
            .WithTemperatureInc(0f)
            .WithEncoderBeginHandler(_ => { encodes++; return true; }).Build();
        clock.Restart();
        var segments = new List<SegmentData>();
        await foreach (var segment in processor.ProcessAsync(samples))
        {
            segments.Add(segment);
        }

        var decodeTime = clock.Elapsed;
        Assert.Equal(1, encodes); // 7 s of audio: one 30 s window, encoded once
        var audioSeconds = samples.Length / 16000.0;
        output.WriteLine($"load {loadTime.TotalMilliseconds:F0} ms; decode of {audioSeconds:F1} s of audio on 2 threads: " +
            $"{decodeTime.TotalSeconds:F2} s (load average {LoadAverage()}) = {decodeTime.TotalSeconds / audioSeconds:F3} s per second of audio; " +
            $"{encodes} encodes, {segments.Count} segments, {segments.Sum(s => s.Tokens.Length)} tokens: '{string.Concat(segments.Select(s => s.Text))}'");
    }

    [Fact]
    public void A_missing_file_names_itself_and_the_fetch_command_in_one_line()
    {
        var path = models.NewPath("no-such-model.bin");

        var e = Assert.Throws<WhisperModelException>(() => WhisperModel.Load(path));

        Assert.Equal(
            $"Whisper model '{path}' does not exist. {WhisperModelException.FetchHint}.",
            e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_garbage_file_is_not_a_ggml_model()
    {
        var path = models.NewPath("garbage.bin");
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<WhisperModelException>(() => WhisperModel.Load(path));

        Assert.StartsWith("is not a ggml Whisper model (magic 0x", e.Problem, StringComparison.Ordinal);
        AssertOneLineNamingFile(e, path);
    }

    [Fact]
    public void A_gguf_file_is_named_as_such()
    {
        var path = models.NewPath("model.gguf");
        File.WriteAllBytes(path, [.. "GGUF"u8, .. new byte[60]]);

        var e = Assert.Throws<WhisperModelException>(() => WhisperModel.Load(path));

        Assert.StartsWith("is a GGUF file", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vocabulary_only_file_is_rejected_as_weightless()
    {
        var path = models.NewPath("vocabulary-only.bin");
        using (var file = File.Create(path))
        {
            GgmlWhisperWriter.Write(file, WhisperShape.Tiny, vocabularyOnly: true);
        }

        var e = Assert.Throws<WhisperModelException>(() => WhisperModel.Load(path));

        Assert.StartsWith("has a vocabulary but no weights", e.Problem, StringComparison.Ordinal);
        AssertOneLineNamingFile(e, path);
    }

    [Theory]
    [InlineData(30)]            // inside the hyperparameters
    [InlineData(40_000)]        // inside the mel filters
    [InlineData(300_000)]       // inside the vocabulary
    [InlineData(40_000_000)]    // inside the weights
    [InlineData(-1)]            // one byte short
    public void A_truncated_file_is_rejected(long length)
    {
        var path = models.NewPath($"truncated-{length}.bin");
        using (var source = File.OpenRead(models.TinyPath))
        using (var target = File.Create(path))
        {
            source.CopyTo(target);
            target.SetLength(length > 0 ? length : source.Length + length);
        }

        var e = Assert.Throws<WhisperModelException>(() => WhisperModel.Load(path));

        output.WriteLine(e.Message);
        Assert.Matches("^is (too short|truncated)", e.Problem);
        AssertOneLineNamingFile(e, path);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static void AssertOneLineNamingFile(WhisperModelException e, string path)
    {
        Assert.Equal(path, e.ModelPath);
        Assert.StartsWith($"Whisper model '{path}' ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith($"{WhisperModelException.FetchHint}.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
