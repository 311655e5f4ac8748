using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

public sealed class PocketSphinxOptionsTests
{
    [Fact]
    public void Defaults_point_at_the_debian_models()
    {
        var options = new PocketSphinxOptions();

        Assert.Equal("/usr/share/pocketsphinx/model/en-us/en-us", options.AcousticModelDirectory);
        Assert.Equal("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict", options.DictionaryPath);
        Assert.Equal("/usr/share/pocketsphinx/model/en-us/en-us.lm.bin", options.LanguageModelPath);
        Assert.Null(options.MaxDecoders);
        Assert.Null(options.DecoderMemoryBudget);
        Assert.Empty(options.AdditionalArguments);
        Assert.Equal(PocketSphinxOptions.TypicalSpeechCepstralMean, options.CepstralMeanInit);
        Assert.Equal(PocketSphinxOptions.NarrowbandSpeechCepstralMean, options.NarrowbandCepstralMeanInit);
        using var recognizer = new PocketSphinxRecognizer(options);
    }

    [Fact]
    public void A_missing_dictionary_is_named_with_the_fix()
    {
        var options = new PocketSphinxOptions { DictionaryPath = "/nonexistent/cmudict-en-us.dict" };

        var error = Assert.Throws<FileNotFoundException>(() => new PocketSphinxRecognizer(options));

        Assert.Equal("/nonexistent/cmudict-en-us.dict", error.FileName);
        Assert.Contains("/nonexistent/cmudict-en-us.dict", error.Message, StringComparison.Ordinal);
        Assert.Contains("DictionaryPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("pocketsphinx-en-us", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_language_model_is_named_with_the_fix()
    {
        var options = new PocketSphinxOptions { LanguageModelPath = "/nonexistent/en-us.lm.bin" };

        var error = Assert.Throws<FileNotFoundException>(() => new PocketSphinxRecognizer(options));

        Assert.Contains("/nonexistent/en-us.lm.bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("LanguageModelPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_acoustic_model_is_named_with_the_fix()
    {
        var options = new PocketSphinxOptions { AcousticModelDirectory = "/nonexistent/en-us" };

        var error = Assert.Throws<DirectoryNotFoundException>(() => new PocketSphinxRecognizer(options));

        Assert.Contains("/nonexistent/en-us", error.Message, StringComparison.Ordinal);
        Assert.Contains("AcousticModelDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acoustic_model_directory_without_a_model_is_rejected()
    {
        var empty = Directory.CreateTempSubdirectory("realtimeasr-empty-model-");
        try
        {
            var options = new PocketSphinxOptions { AcousticModelDirectory = empty.FullName };

            var error = Assert.Throws<FileNotFoundException>(() => new PocketSphinxRecognizer(options));

            Assert.Equal(Path.Combine(empty.FullName, "mdef"), error.FileName);
            Assert.Contains("AcousticModelDirectory", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void MaxDecoders_must_not_be_negative_and_the_memory_budget_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { DecoderMemoryBudget = 0 }));
    }

    [Theory]
    [InlineData("beam")]
    [InlineData("-")]
    [InlineData("-lm")]
    [InlineData("-my arg")]
    [InlineData("-cmninit")]
    public void Malformed_or_clashing_additional_arguments_are_rejected(string name)
    {
        var options = new PocketSphinxOptions();
        options.AdditionalArguments[name] = "1";

        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("41,x")]
    [InlineData("41,,2")]
    [InlineData("41;2")]
    [InlineData("NaN")]
    public void A_malformed_cepstral_mean_is_rejected(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { CepstralMeanInit = value }));

        Assert.Contains("CepstralMeanInit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("41,x")]
    [InlineData("NaN")]
    public void A_malformed_narrowband_cepstral_mean_is_rejected(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { NarrowbandCepstralMeanInit = value }));

        Assert.Contains("NarrowbandCepstralMeanInit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_narrowband_cepstral_mean_longer_than_the_models_cepstra_fails_at_warm_up()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1, NarrowbandCepstralMeanInit = string.Join(',', Enumerable.Repeat("1", 14)) };
        using var recognizer = new PocketSphinxRecognizer(options);

        var error = Assert.Throws<InvalidOperationException>(recognizer.Warm);

        Assert.Contains("NarrowbandCepstralMeanInit has 14 values", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, recognizer.LoadedDecoders);
    }

    [Fact]
    public void A_cepstral_mean_longer_than_the_models_cepstra_fails_at_warm_up()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1, CepstralMeanInit = string.Join(',', Enumerable.Repeat("1", 14)) };
        using var recognizer = new PocketSphinxRecognizer(options);

        var error = Assert.Throws<InvalidOperationException>(recognizer.Warm);

        Assert.Contains("CepstralMeanInit has 14 values", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, recognizer.LoadedDecoders);
    }

    [Fact]
    public void An_argument_pocketsphinx_does_not_know_fails_at_warm_up()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1 };
        options.AdditionalArguments["-no_such_argument"] = "1";
        using var recognizer = new PocketSphinxRecognizer(options);

        var error = Assert.Throws<InvalidOperationException>(recognizer.Warm);

        Assert.Contains("-no_such_argument", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, recognizer.LoadedDecoders);
    }

    [Fact]
    public void A_corrupt_language_model_fails_at_warm_up_naming_the_files()
    {
        var corrupt = Path.GetTempFileName();
        try
        {
            File.WriteAllText(corrupt, "this is not a language model\n");
            using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, LanguageModelPath = corrupt });

            var error = Assert.Throws<InvalidOperationException>(recognizer.Warm);

            Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
            Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, recognizer.LoadedDecoders);
        }
        finally
        {
            File.Delete(corrupt);
        }
    }

    [Fact]
    public async Task Additional_arguments_reach_the_decoder()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1 };
        // A language weight far above the usual 6.5 makes the search favour a few likely words over the audio.
        options.AdditionalArguments["-lw"] = "30";
        using var recognizer = new PocketSphinxRecognizer(options);
        var clip = TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith("0880", StringComparison.Ordinal));

        using var decoder = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        var transcript = Streaming.Decode(decoder, clip.Samples, clip.Samples.Length);

        // With the default weight a fresh decoder hears 8 words here, as many as were said.
        Assert.InRange(WordErrorRate.Words(transcript).Length, 0, 4);
    }
}
