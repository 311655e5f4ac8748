using System.Text.Json.Nodes;
using RealtimeAsr.Protocol;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>What <c>session.created</c> / <c>session.updated</c> echo: the full effective configuration (§4.2, §4.3, §11.2).</summary>
public sealed class SessionSettingsTests
{
    [Fact]
    public void Default_is_16_khz_pcm_automatic_language_and_balanced_vad()
    {
        var settings = SessionSettings.Default;

        Assert.Equal(AudioFormats.Pcm, settings.InputAudioFormat);
        Assert.Equal(16000, settings.SampleRate);
        Assert.Null(settings.Language);
        Assert.Null(settings.CorpusText);
        Assert.Equal(new TurnDetectionSettings(0.2, 800), settings.TurnDetection);
        Assert.True(settings.IsServerVad);
    }

    [Fact]
    public void Presets_match_the_documented_table()
    {
        Assert.Equal(new TurnDetectionSettings(0.0, 400), TurnDetectionSettings.LowLatency);
        Assert.Equal(new TurnDetectionSettings(0.2, 800), TurnDetectionSettings.Balanced);
        Assert.Equal([16000, 8000], SessionSettings.SupportedSampleRates);
        Assert.Equal(10_000, SessionSettings.MaxCorpusWords);
    }

    [Fact]
    public void Default_configuration_is_echoed_like_the_documented_session_created()
    {
        var json = Echo(SessionSettings.Default, "sess_001", "qwen3-asr-flash-realtime");

        // The documented example plus sample_rate (§4.3 recommends echoing the full effective configuration).
        JsonAssert.SemanticallyEqual(
            """
            {"event_id":"event_1234","type":"session.updated","session":{"id":"sess_001","object":"realtime.session",
             "model":"qwen3-asr-flash-realtime","modalities":["text"],"input_audio_format":"pcm","sample_rate":16000,
             "input_audio_transcription":null,
             "turn_detection":{"type":"server_vad","threshold":0.2,"silence_duration_ms":800}}}
            """,
            json.ToJsonString());
    }

    [Fact]
    public void Language_and_corpus_are_echoed_under_input_audio_transcription()
    {
        var settings = new SessionSettings(AudioFormats.Opus, 8000, "zh", "Bulge Bracket, Boutique", TurnDetectionSettings.LowLatency);

        var session = Echo(settings, "sess_a", "qwen3-asr-flash-realtime-2026-02-10")["session"]!;

        JsonAssert.SemanticallyEqual(
            """
            {"id":"sess_a","object":"realtime.session","model":"qwen3-asr-flash-realtime-2026-02-10","modalities":["text"],
             "input_audio_format":"opus","sample_rate":8000,
             "input_audio_transcription":{"language":"zh","corpus":{"text":"Bulge Bracket, Boutique"}},
             "turn_detection":{"type":"server_vad","threshold":0.0,"silence_duration_ms":400}}
            """,
            session.ToJsonString());
    }

    [Fact]
    public void Language_alone_is_echoed_without_a_corpus()
    {
        var session = Echo(SessionSettings.Default with { Language = "en" }, "sess_a", "m")["session"]!;

        JsonAssert.SemanticallyEqual("""{"language":"en"}""", session["input_audio_transcription"]!.ToJsonString());
    }

    [Fact]
    public void Corpus_alone_is_echoed_without_a_language()
    {
        var session = Echo(SessionSettings.Default with { CorpusText = "DashScope" }, "sess_a", "m")["session"]!;

        JsonAssert.SemanticallyEqual("""{"corpus":{"text":"DashScope"}}""", session["input_audio_transcription"]!.ToJsonString());
    }

    [Fact]
    public void Manual_mode_is_echoed_as_an_explicit_null_turn_detection()
    {
        var session = Echo(SessionSettings.Default with { TurnDetection = null }, "sess_a", "m")["session"]!.AsObject();

        Assert.True(session.ContainsKey("turn_detection"));
        Assert.Null(session["turn_detection"]);
        Assert.True(session.ContainsKey("input_audio_transcription"));
        Assert.Null(session["input_audio_transcription"]);
    }

    [Fact]
    public void Echoed_configuration_reads_back_into_the_same_settings()
    {
        var settings = new SessionSettings(AudioFormats.Opus, 8000, "ja", "東京, 大阪", new TurnDetectionSettings(-0.5, 6000));
        var json = ProtocolSerializer.ToJson(new SessionUpdatedEvent { EventId = "event_a", Session = settings.ToConfiguration("sess_a", "m") });

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var error = SessionUpdateMerger.TryApply(SessionSettings.Default, document.RootElement.GetProperty("session"), out var merged);

        Assert.Null(error);
        Assert.Equal(settings, merged);
    }

    [Fact]
    public void Configuration_object_fields_are_set_for_the_server()
    {
        var configuration = SessionSettings.Default.ToConfiguration("sess_a", "qwen3-asr-flash-realtime");

        Assert.Equal("sess_a", configuration.Id);
        Assert.Equal("realtime.session", configuration.ObjectType);
        Assert.Equal("qwen3-asr-flash-realtime", configuration.Model);
        Assert.Equal(["text"], configuration.Modalities!);
        Assert.Equal(TurnDetection.ServerVad, configuration.TurnDetection!.Type);
    }

    private static JsonNode Echo(SessionSettings settings, string sessionId, string model) =>
        JsonNode.Parse(ProtocolSerializer.ToJson(
            new SessionUpdatedEvent { EventId = "event_1234", Session = settings.ToConfiguration(sessionId, model) }))!;
}
