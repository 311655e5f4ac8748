using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Protocol.Tests;

/// <summary>Clients dispatch on <c>type</c> and ignore unknown events and fields (§9.4); malformed frames throw <see cref="JsonException"/>.</summary>
public sealed class ServerEventReadingTests
{
    [Theory]
    [InlineData("""{"event_id":"event_a","type":"response.done","response":{"id":"resp_1","output":[1,2,{"x":null}]}}""")]
    [InlineData("""{"type":"rate_limits.updated","event_id":"event_a","rate_limits":[]}""")]
    [InlineData("""{"event_id":"event_a","type":"conversation.item.input_audio_transcription.delta","item_id":"item_a","delta":"Hi"}""")]
    public void Unknown_type_becomes_an_unknown_event_with_the_raw_json(string json)
    {
        var serverEvent = ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(json));

        var unknown = Assert.IsType<UnknownServerEvent>(serverEvent);
        Assert.Equal(JsonNode.Parse(json)!["type"]!.GetValue<string>(), unknown.Type);
        Assert.Equal("event_a", unknown.EventId);
        JsonAssert.SemanticallyEqual(json, unknown.Json.GetRawText());
        Assert.Equal(JsonValueKind.Object, unknown.Json.ValueKind);
    }

    [Fact]
    public void Unknown_event_without_an_event_id_has_an_empty_one()
    {
        var unknown = Assert.IsType<UnknownServerEvent>(ProtocolSerializer.ReadServerEvent("""{"type":"x.y","event_id":7}"""u8));

        Assert.Equal("", unknown.EventId);
        Assert.Equal("x.y", unknown.Type);
    }

    [Fact]
    public void Unknown_event_json_outlives_the_input_buffer()
    {
        var frame = Encoding.UTF8.GetBytes("""{"event_id":"event_a","type":"x.y","payload":"abc"}""");
        var unknown = Assert.IsType<UnknownServerEvent>(ProtocolSerializer.ReadServerEvent(frame));

        Array.Fill(frame, (byte)' ');

        Assert.Equal("abc", unknown.Json.GetProperty("payload").GetString());
    }

    [Fact]
    public void Unknown_event_writes_back_its_raw_json()
    {
        const string Json = """{"event_id":"event_a","type":"response.done","response":{"id":"resp_1"}}""";
        var unknown = ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(Json));

        JsonAssert.SemanticallyEqual(Json, ProtocolSerializer.ToJson(unknown));
    }

    [Fact]
    public void Unknown_top_level_fields_of_a_known_event_are_kept_and_written_back()
    {
        const string Json = """
            {"event_id":"event_a","type":"conversation.item.input_audio_transcription.completed","item_id":"item_a",
             "content_index":0,"language":"en","emotion":"neutral","transcript":"hi",
             "usage":{"seconds":3},"logprobs":null,"words":[{"w":"hi","start":0.1}]}
            """;

        var completed = Assert.IsType<TranscriptionCompletedEvent>(ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(Json)));

        Assert.Equal("hi", completed.Transcript);
        Assert.Equal(["logprobs", "usage", "words"], completed.ExtensionData!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, completed.ExtensionData["usage"].GetProperty("seconds").GetInt32());
        JsonAssert.SemanticallyEqual(Json, ProtocolSerializer.ToJson(completed));
    }

    [Fact]
    public void Unknown_session_fields_are_kept_at_every_modelled_level()
    {
        const string Json = """
            {"event_id":"event_a","type":"session.updated","session":{"id":"sess_a","object":"realtime.session",
             "model":"m","modalities":["text"],"input_audio_format":"pcm","sample_rate":8000,"voice":null,
             "input_audio_transcription":{"language":"en","model":null,"corpus":{"text":"x","weight":2}},
             "turn_detection":{"type":"server_vad","threshold":0.5,"silence_duration_ms":500,"prefix_padding_ms":300}}}
            """;

        var updated = Assert.IsType<SessionUpdatedEvent>(ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(Json)));

        Assert.Equal(8000, updated.Session.SampleRate);
        Assert.True(updated.Session.ExtensionData!.ContainsKey("voice"));
        Assert.True(updated.Session.InputAudioTranscription!.ExtensionData!.ContainsKey("model"));
        Assert.Equal(2, updated.Session.InputAudioTranscription.Corpus!.ExtensionData!["weight"].GetInt32());
        Assert.Equal(300, updated.Session.TurnDetection!.ExtensionData!["prefix_padding_ms"].GetInt32());
        JsonAssert.SemanticallyEqual(Json, ProtocolSerializer.ToJson(updated));
    }

    [Theory]
    [InlineData("""{"event_id":"e","type":"error","error":{"type":"server_error","code":"c","message":"m","param":null,"event_id":null,"extra":1}}""")]
    [InlineData("""{"event_id":"e","type":"conversation.item.created","previous_item_id":null,"item":{"id":"i","object":"realtime.item","type":"message","status":"completed","role":"user","content":[{"type":"input_audio","transcript":null,"audio":null}],"extra":1}}""")]
    [InlineData("""{"event_id":"e","type":"conversation.item.input_audio_transcription.failed","item_id":"i","content_index":0,"error":{"code":"c","message":"m","param":null,"type":"x"}}""")]
    public void Unknown_fields_in_unmodelled_nested_objects_are_ignored(string json)
    {
        var serverEvent = ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(json));

        Assert.IsNotType<UnknownServerEvent>(serverEvent);
    }

    [Fact]
    public void Missing_fields_of_a_known_event_get_their_defaults()
    {
        var text = Assert.IsType<TranscriptionTextEvent>(
            ProtocolSerializer.ReadServerEvent("""{"type":"conversation.item.input_audio_transcription.text"}"""u8));

        Assert.Equal("", text.EventId);
        Assert.Equal("", text.Text);
        Assert.Equal("", text.Stash);
        Assert.Equal(0, text.ContentIndex);
    }

    [Fact]
    public void Type_is_found_after_other_fields_and_nested_types()
    {
        const string Json = """{"event_id":"e","item":{"type":"message"},"list":[{"type":"x"}],"type":"session.finished"}""";

        Assert.Equal("session.finished", ProtocolSerializer.ReadType(Encoding.UTF8.GetBytes(Json)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("\"session.finished\"")]
    [InlineData("42")]
    [InlineData("""[{"type":"session.finished"}]""")]
    [InlineData("""{"type":"session.finished" """)]
    [InlineData("""{"event_id":"e","type":"session.finished",}""")]
    [InlineData("""{"event_id":"e","type":"session.finished"} trailing""")]
    [InlineData("""{"event_id":"e","type":"session.finished"}{"type":"session.finished"}""")]
    [InlineData("""{"event_id":"e","type":"x.unknown"} trailing""")]
    [InlineData("""{"event_id":"e","type":"x.unknown","a":}""")]
    [InlineData("""{'type':'session.finished'}""")]
    public void Invalid_json_throws_JsonException(string text)
    {
        Assert.ThrowsAny<JsonException>(() => ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"event_id":"e"}""")]
    [InlineData("""{"event_id":"e","type":null}""")]
    [InlineData("""{"event_id":"e","type":5}""")]
    [InlineData("""{"event_id":"e","type":{"type":"session.finished"}}""")]
    [InlineData("""{"event_id":"e","session":{"type":"session.finished"}}""")]
    [InlineData("""{"event_id":"e","Type":"session.finished"}""")]
    public void Missing_or_non_string_type_throws_JsonException(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);

        Assert.ThrowsAny<JsonException>(() => ProtocolSerializer.ReadType(utf8));
        Assert.ThrowsAny<JsonException>(() => ProtocolSerializer.ReadServerEvent(utf8));
    }

    [Theory]
    [InlineData("""{"event_id":"e","type":"input_audio_buffer.speech_started","audio_start_ms":"64","item_id":"i"}""")]
    [InlineData("""{"event_id":"e","type":"input_audio_buffer.speech_started","audio_start_ms":64.5,"item_id":"i"}""")]
    [InlineData("""{"event_id":"e","type":"conversation.item.input_audio_transcription.text","text":5}""")]
    [InlineData("""{"event_id":"e","type":"session.created","session":[]}""")]
    public void A_known_event_with_a_wrongly_typed_field_throws_JsonException(string text)
    {
        Assert.ThrowsAny<JsonException>(() => ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(text)));
    }

    // ---- strings that are not text: the documented JsonException, never InvalidOperationException ----

    [Theory]
    [InlineData("""{"event_id":"e","type":"@@"}""")]
    [InlineData("""{"event_id":"e","type":"session.finished@@"}""")]
    [InlineData("""{"@@":1,"type":"session.finished"}""")]
    [InlineData("""{"event_id":"e","type":"conversation.item.input_audio_transcription.text","item_id":"i","text":"@@","stash":""}""")]
    [InlineData("""{"event_id":"@@","type":"session.finished"}""")]
    [InlineData("""{"event_id":"e","type":"error","error":{"type":"invalid_request_error","code":"x","message":"@@"}}""")]
    public void A_string_that_is_not_text_throws_JsonException_or_is_ignored(string template)
    {
        foreach (var bad in BadJsonText.Escapes)
        {
            var utf8 = Encoding.UTF8.GetBytes(template.Replace("@@", bad, StringComparison.Ordinal));
            try
            {
                // A bad name where "type" is looked for must not be taken for it, nor fail the search.
                var serverEvent = ProtocolSerializer.ReadServerEvent(utf8);
                Assert.Equal(EventTypes.SessionFinished, serverEvent.Type);
            }
            catch (JsonException)
            {
            }
        }
    }

    [Fact]
    public void An_unknown_event_with_an_event_id_that_is_not_text_has_an_empty_one()
    {
        foreach (var bad in BadJsonText.Escapes)
        {
            var unknown = Assert.IsType<UnknownServerEvent>(
                ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes($$"""{"{{bad}}":1,"event_id":"{{bad}}","type":"x.y"}""")));

            Assert.Equal("", unknown.EventId);
            Assert.Equal("x.y", unknown.Type);
        }
    }

    [Fact]
    public void A_type_that_is_not_text_throws_JsonException()
    {
        foreach (var bad in BadJsonText.Escapes)
        {
            Assert.ThrowsAny<JsonException>(() => ProtocolSerializer.ReadType(Encoding.UTF8.GetBytes($$"""{"type":"{{bad}}"}""")));
        }
    }
}
