namespace RealtimeAsr.Recognition.QwenRealtime.Tests;

/// <summary>The engine's settings: defaults, validation messages that name the setting, what the upstream is sent.</summary>
public sealed class QwenRealtimeEngineOptionsTests
{
    [Fact]
    public void The_defaults_serve_the_protocol_s_languages_of_the_cloud_model()
    {
        var options = new QwenRealtimeEngineOptions { Url = new Uri("wss://dashscope.aliyuncs.com/api-ws/v1/realtime") };

        options.Validate();

        Assert.Equal("qwen3-asr-flash-realtime", options.Model);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.ResultTimeout);
        Assert.Equal(27, options.EffectiveLanguages.Count);
        Assert.False(options.AllowApiKeyOverInsecureTransport);
    }

    [Theory]
    [InlineData(null, "Url is required: the upstream's realtime endpoint, an absolute ws:// or wss:// URL such as wss://dashscope.aliyuncs.com/api-ws/v1/realtime.")]
    [InlineData("https://example.com/v1", "Url is required: the upstream's realtime endpoint, an absolute ws:// or wss:// URL such as wss://dashscope.aliyuncs.com/api-ws/v1/realtime, not 'https://example.com/v1'.")]
    public void A_missing_or_wrong_url_is_named(string? url, string expected)
    {
        var options = new QwenRealtimeEngineOptions { Url = url is null ? null : new Uri(url) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeouts_must_be_positive_and_languages_must_be_the_protocol_s()
    {
        var url = new Uri("ws://127.0.0.1:9/api-ws/v1/realtime");

        Assert.StartsWith("ResultTimeout is 00:00:00; it must be positive.",
            Assert.Throws<ArgumentException>(new QwenRealtimeEngineOptions { Url = url, ResultTimeout = TimeSpan.Zero }.Validate).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("Languages holds 'english', which is not one of the protocol's codes",
            Assert.Throws<ArgumentException>(new QwenRealtimeEngineOptions { Url = url, Languages = ["en", "english"] }.Validate).Message,
            StringComparison.Ordinal);
        Assert.Equal(new[] { "en" }, new QwenRealtimeEngineOptions { Url = url, Languages = ["en"] }.EffectiveLanguages);
    }

    [Fact]
    public void A_key_over_unencrypted_websocket_to_another_host_is_refused_unless_allowed()
    {
        var options = new QwenRealtimeEngineOptions { Url = new Uri("ws://asr-backend:8080/api-ws/v1/realtime"), ApiKey = "sk-upstream" };

        Assert.Throws<ArgumentException>(() => new QwenRealtimeEngine("cloud", options));

        options.AllowApiKeyOverInsecureTransport = true;
        var engine = new QwenRealtimeEngine("cloud", options);
        Assert.Equal(new Uri("ws://asr-backend:8080/api-ws/v1/realtime?model=qwen3-asr-flash-realtime"), engine.UpstreamUri);
        Assert.Equal(EngineKind.Network, engine.Capabilities.Kind);
        Assert.Null(engine.Capabilities.StreamsPerCore);
    }

    [Fact]
    public void The_upstream_session_is_manual_16_kHz_pcm_with_the_session_s_language_and_context()
    {
        var settings = QwenRealtimeEngineSession.UpstreamSettings(new RecognitionOptions("de", "Gleis, Bahnsteig", SourceSampleRate: 8000));

        Assert.True(settings.IsManualMode);
        Assert.Equal(16000, settings.SampleRate);
        Assert.Equal("de", settings.Language);
        Assert.Equal("Gleis, Bahnsteig", settings.CorpusText);
        var update = settings.ToSessionUpdate().Session;
        Assert.Null(update.TurnDetection);
        Assert.Equal("pcm", update.InputAudioFormat);
    }
}
