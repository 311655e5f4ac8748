using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Protocol.Tests;

/// <summary>Every client-event example of protocol.md §3 deserialises into its class and is written back unchanged.</summary>
public sealed class ClientEventExampleTests
{
    public static TheoryData<string> ClientExamples => Examples.TheoryData("client.");

    [Fact]
    public void Every_client_example_of_section_3_is_present()
    {
        string[] expected =
        [
            "client.input_audio_buffer.append.json",
            "client.input_audio_buffer.clear.json",
            "client.input_audio_buffer.commit.json",
            "client.session.finish.json",
            "client.session.update.documented.json",
            "client.session.update.java-sdk-nested-audio.json",
            "client.session.update.java-sdk.json",
            "client.session.update.manual.json",
            "client.session.update.python-sdk-1.25.2-language-null.json",
            "client.session.update.python-sdk-legacy-top-level.json",
            "client.session.update.python-sdk-no-transcription-params.json",
            "client.session.update.python-sdk-transcription-disabled.json",
            "client.session.update.python-sdk.json",
        ];

        Assert.Equal(expected, Examples.Named("client."));
    }

    [Theory]
    [MemberData(nameof(ClientExamples))]
    public void Example_deserialises_into_its_class_and_writes_back_the_same_json(string file)
    {
        var json = Examples.ReadBytes(file);
        var original = JsonNode.Parse(json)!;

        var clientEvent = Deserialize(json);

        Assert.Equal(original["type"]!.GetValue<string>(), clientEvent.Type);
        Assert.Equal(original["event_id"]!.GetValue<string>(), clientEvent.EventId);
        Assert.True(clientEvent.ExtensionData is null or { Count: 0 });

        // InputAudioTranscription.Language is [JsonIgnore(WhenWritingNull)], so the 1.25.2 "language": null is read
        // (as automatic detection) but not written back; see Language_null_is_read_but_not_written.
        if (original["session"]?["input_audio_transcription"] is JsonObject transcription
            && transcription.TryGetPropertyValue("language", out var language) && language is null)
        {
            transcription.Remove("language");
        }

        JsonAssert.SemanticallyEqual(original, ProtocolSerializer.ToJson(clientEvent));
    }

    [Fact]
    public void Language_null_is_read_but_not_written()
    {
        var update = Read<SessionUpdateEvent>("client.session.update.python-sdk-1.25.2-language-null.json");

        Assert.Null(update.Session.InputAudioTranscription!.Language);
        Assert.Equal("Qwen3-ASR, DashScope", update.Session.InputAudioTranscription.Corpus!.Text);
        var written = JsonNode.Parse(ProtocolSerializer.ToJson(update))!;
        Assert.False(written["session"]!["input_audio_transcription"]!.AsObject().ContainsKey("language"));
    }

    [Fact]
    public void Documented_session_update_has_its_fields()
    {
        var update = Read<SessionUpdateEvent>("client.session.update.documented.json");

        Assert.Equal("event_123", update.EventId);
        Assert.Equal("pcm", update.Session.InputAudioFormat);
        Assert.Equal(16000, update.Session.SampleRate);
        Assert.Equal("zh", update.Session.InputAudioTranscription!.Language);
        Assert.Null(update.Session.InputAudioTranscription.Corpus);
        var turn = Assert.IsType<TurnDetection>(update.Session.TurnDetection);
        Assert.Equal(TurnDetection.ServerVad, turn.Type);
        Assert.Equal(0.0, turn.Threshold);
        Assert.Equal(400, turn.SilenceDurationMs);
        Assert.Null(update.Session.Modalities);
        Assert.Null(update.Session.Id);
    }

    [Fact]
    public void Manual_session_update_has_null_turn_detection_and_a_corpus()
    {
        var update = Read<SessionUpdateEvent>("client.session.update.manual.json");

        Assert.Null(update.Session.TurnDetection);
        Assert.Equal(["text"], update.Session.Modalities!);
        Assert.Equal("zh", update.Session.InputAudioTranscription!.Language);
        Assert.Equal("Bulge Bracket, Boutique, Middle Market", update.Session.InputAudioTranscription.Corpus!.Text);
    }

    [Fact]
    public void Python_sdk_session_update_keeps_its_extras_as_extension_data()
    {
        var update = Read<SessionUpdateEvent>("client.session.update.python-sdk.json");

        Assert.Equal("event_3f0c9a7e2b1d4c6f8e0a1b2c3d4e5f60", update.EventId);
        Assert.Equal(JsonValueKind.Null, update.Session.ExtensionData!["voice"].ValueKind);
        Assert.Equal("pcm16", update.Session.ExtensionData["output_audio_format"].GetString());
        Assert.Equal(300, update.Session.TurnDetection!.ExtensionData!["prefix_padding_ms"].GetInt32());
        Assert.Equal(0.2, update.Session.TurnDetection.Threshold);
        Assert.Equal(800, update.Session.TurnDetection.SilenceDurationMs);
        Assert.Equal(16000, update.Session.SampleRate);
        Assert.Equal("Qwen3-ASR, DashScope, Model Studio, Bailian", update.Session.InputAudioTranscription!.Corpus!.Text);
    }

    [Fact]
    public void Java_sdk_session_update_keeps_the_null_model_as_extension_data()
    {
        var update = Read<SessionUpdateEvent>("client.session.update.java-sdk.json");

        Assert.Equal("event_9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b", update.EventId);
        Assert.Equal(JsonValueKind.Null, update.Session.InputAudioTranscription!.ExtensionData!["model"].ValueKind);
        Assert.Equal("pcm24", update.Session.ExtensionData!["output_audio_format"].GetString());
        Assert.Equal(0.0, update.Session.TurnDetection!.Threshold);
        Assert.Equal(400, update.Session.TurnDetection.SilenceDurationMs);
    }

    [Fact]
    public void Java_sdk_nested_audio_form_is_kept_as_extension_data()
    {
        var update = Read<SessionUpdateEvent>("client.session.update.java-sdk-nested-audio.json");

        var audio = update.Session.ExtensionData!["audio"];
        Assert.Equal("pcm", audio.GetProperty("input").GetProperty("format").GetProperty("type").GetString());
        Assert.Equal(16000, audio.GetProperty("input").GetProperty("format").GetProperty("sample_rate").GetInt32());
        Assert.Null(update.Session.InputAudioFormat);
        Assert.Null(update.Session.SampleRate);
    }

    [Fact]
    public void Append_example_decodes_its_base64_audio()
    {
        var json = Examples.ReadBytes("client.input_audio_buffer.append.json");
        var base64 = JsonNode.Parse(json)!["audio"]!.GetValue<string>();

        var append = Read<InputAudioBufferAppendEvent>("client.input_audio_buffer.append.json");

        Assert.Equal("event_2728", append.EventId);
        Assert.Equal(320, append.Audio.Length);
        Assert.Equal(Convert.FromBase64String(base64), append.Audio.ToArray());
    }

    [Fact]
    public void Append_writes_audio_as_base64()
    {
        var append = new InputAudioBufferAppendEvent { EventId = "event_a", Audio = new byte[] { 0xFB, 0xFF, 0x00, 0x3E } };

        var json = JsonNode.Parse(ProtocolSerializer.ToJson(append))!;

        Assert.Equal("+/8APg==", json["audio"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("client.input_audio_buffer.commit.json", "event_789")]
    [InlineData("client.session.finish.json", "event_341")]
    [InlineData("client.input_audio_buffer.clear.json", "event_c4ca4238a0b923820dcc509a6f75849b")]
    public void Events_without_payload_have_their_event_id(string file, string eventId)
    {
        var clientEvent = Deserialize(Examples.ReadBytes(file));

        Assert.Equal(eventId, clientEvent.EventId);
    }

    [Fact]
    public void Client_events_get_a_fresh_event_id_by_default()
    {
        var first = new SessionFinishEvent();
        var second = new SessionFinishEvent();

        Assert.Matches("^event_[0-9A-Za-z]{21}$", first.EventId);
        Assert.NotEqual(first.EventId, second.EventId);
    }

    [Fact]
    public void A_new_session_update_writes_turn_detection_null_for_manual_mode()
    {
        var update = new SessionUpdateEvent { EventId = "event_a", Session = new SessionConfiguration { InputAudioFormat = "pcm" } };

        var json = JsonNode.Parse(ProtocolSerializer.ToJson(update))!;

        Assert.True(json["session"]!.AsObject().ContainsKey("turn_detection"));
        Assert.Null(json["session"]!["turn_detection"]);
        Assert.Equal(["event_id", "type", "session"], JsonAssert.PropertyNames(json));
    }

    [Fact]
    public void Unknown_top_level_fields_of_a_client_event_are_kept()
    {
        var json = """{"event_id":"event_a","type":"session.finish","transcript":null,"extra":{"a":[1,2]}}"""u8.ToArray();

        var finish = Assert.IsType<SessionFinishEvent>(Deserialize(json));

        Assert.Equal(2, finish.ExtensionData!.Count);
        JsonAssert.SemanticallyEqual(JsonNode.Parse(json), ProtocolSerializer.ToJson(finish));
    }

    private static T Read<T>(string file)
        where T : ClientEvent => Assert.IsType<T>(Deserialize(Examples.ReadBytes(file)));

    private static ClientEvent Deserialize(byte[] json)
    {
        JsonTypeInfo typeInfo = JsonNode.Parse(json)!["type"]!.GetValue<string>() switch
        {
            EventTypes.SessionUpdate => ProtocolJsonContext.Default.SessionUpdateEvent,
            EventTypes.InputAudioBufferAppend => ProtocolJsonContext.Default.InputAudioBufferAppendEvent,
            EventTypes.InputAudioBufferCommit => ProtocolJsonContext.Default.InputAudioBufferCommitEvent,
            EventTypes.InputAudioBufferClear => ProtocolJsonContext.Default.InputAudioBufferClearEvent,
            EventTypes.SessionFinish => ProtocolJsonContext.Default.SessionFinishEvent,
            var other => throw new InvalidOperationException($"No client event class for '{other}'."),
        };

        return Assert.IsAssignableFrom<ClientEvent>(JsonSerializer.Deserialize(json, typeInfo));
    }
}
