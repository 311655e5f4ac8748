namespace RealtimeAsr.Recognition.Whisper.Tests;

public sealed class WhisperEngineOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new WhisperEngineOptions();

        Assert.Equal("", options.ModelPath);
        Assert.Equal((0, 0), (options.MaxConcurrentDecodes, options.Threads));
        Assert.Equal(0.6f, options.NoSpeechThreshold);
        Assert.Equal((WhisperAudioContext.Sized, WhisperAudioContext.Full), (options.PartialAudioContext, options.FinalAudioContext));
        Assert.Equal(0.2f, options.TemperatureFallback);
        Assert.Equal(TimeSpan.FromSeconds(3), options.KeepDetectedLanguageAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Streaming.PartialInterval);
    }

    [Fact]
    public void Automatic_threads_and_decodes_fill_the_processors_without_oversubscribing_them()
    {
        var options = new WhisperEngineOptions();

        Assert.Equal(Math.Min(4, Environment.ProcessorCount), options.EffectiveThreads);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / options.EffectiveThreads), options.EffectiveMaxConcurrentDecodes);
        Assert.InRange(options.EffectiveThreads * options.EffectiveMaxConcurrentDecodes, 1, Math.Max(Environment.ProcessorCount, 1));

        options.Threads = 1;
        Assert.Equal(Environment.ProcessorCount, options.EffectiveMaxConcurrentDecodes);

        options.MaxConcurrentDecodes = 3;
        Assert.Equal((1, 3), (options.EffectiveThreads, options.EffectiveMaxConcurrentDecodes));
    }

    public static TheoryData<string, Action<WhisperEngineOptions>> Invalid => new()
    {
        { "ModelPath", o => o.ModelPath = " " },
        { "MaxConcurrentDecodes", o => o.MaxConcurrentDecodes = -1 },
        { "Threads", o => o.Threads = -2 },
        { "NoSpeechThreshold", o => o.NoSpeechThreshold = 1.5f },
        { "TemperatureFallback", o => o.TemperatureFallback = -0.1f },
        { "KeepDetectedLanguageAfter", o => o.KeepDetectedLanguageAfter = TimeSpan.FromSeconds(-1) },
        { "FinalAudioContext", o => o.FinalAudioContext = (WhisperAudioContext)7 },
        { "Streaming", o => o.Streaming.PauseCutAfter = TimeSpan.FromSeconds(40) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_setting_out_of_range_is_refused_by_name_when_the_engine_is_created(string setting, Action<WhisperEngineOptions> spoil)
    {
        var options = new WhisperEngineOptions { ModelPath = "/models/ggml-tiny.bin" };
        spoil(options);

        var e = Assert.ThrowsAny<ArgumentException>(() => new WhisperEngine("whisper", options));

        Assert.Equal(setting, e.ParamName);
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_path_says_how_to_get_a_model()
    {
        var e = Assert.Throws<ArgumentException>(() => new WhisperEngineOptions().Validate());

        Assert.Contains("realtime-asr models download", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_keeps_its_own_copy_of_the_settings()
    {
        var options = new WhisperEngineOptions { ModelPath = "/models/a.bin", Threads = 2 };
        using var engine = new WhisperEngine("whisper", options);

        options.Threads = 3;
        options.Streaming.PartialInterval = TimeSpan.FromSeconds(9);

        Assert.Equal(2, engine.Options.Threads);
        Assert.Equal(TimeSpan.FromSeconds(1), engine.Options.Streaming.PartialInterval);
    }
}
