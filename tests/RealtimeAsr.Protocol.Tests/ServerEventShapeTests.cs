using System.Text.Json;
using System.Text.Json.Nodes;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Protocol.Tests;

/// <summary>Events built in code are written with exactly the §4 field names, and with the values clients rely on (§9.4).</summary>
public sealed class ServerEventShapeTests
{
    [Fact]
    public void Error_is_written_with_the_section_4_1_fields()
    {
        var json = Write(new ErrorEvent
        {
            EventId = "event_a",
            Error = new ErrorDetail
            {
                Type = ErrorTypes.InvalidRequest,
                Code = ErrorCodes.InvalidValue,
                Message = "Invalid value: 44100.",
                Param = "session.sample_rate",
                EventId = "event_client",
            },
        });

        AssertNames(json, "event_id", "type", "error");
        AssertNames(json["error"], "type", "code", "message", "param", "event_id");
        JsonAssert.SemanticallyEqual(
            """
            {"event_id":"event_a","type":"error","error":{"type":"invalid_request_error","code":"invalid_value",
             "message":"Invalid value: 44100.","param":"session.sample_rate","event_id":"event_client"}}
            """,
            json.ToJsonString());
    }

    [Fact]
    public void Error_without_param_or_client_event_id_writes_nulls()
    {
        var json = Write(new ErrorEvent
        {
            EventId = "event_a",
            Error = new ErrorDetail { Type = ErrorTypes.Server, Code = ErrorCodes.InternalError, Message = "boom" },
        });

        AssertNames(json["error"], "type", "code", "message", "param", "event_id");
        Assert.Null(json["error"]!["param"]);
        Assert.Null(json["error"]!["event_id"]);
    }

    [Fact]
    public void Session_created_and_updated_are_written_with_the_section_4_2_fields()
    {
        // What the server echoes for a new session (its SessionSettings.Default); see the Sessions tests.
        var configuration = new SessionConfiguration
        {
            Id = "sess_x",
            ObjectType = "realtime.session",
            Model = "qwen3-asr-flash-realtime",
            Modalities = ["text"],
            InputAudioFormat = AudioFormats.Pcm,
            SampleRate = 16000,
            TurnDetection = new TurnDetection { Threshold = 0.2, SilenceDurationMs = 800 },
        };

        foreach (ServerEvent serverEvent in new ServerEvent[]
        {
            new SessionCreatedEvent { EventId = "event_a", Session = configuration },
            new SessionUpdatedEvent { EventId = "event_a", Session = configuration },
        })
        {
            var json = Write(serverEvent);

            AssertNames(json, "event_id", "type", "session");
            AssertNames(json["session"], "id", "object", "model", "modalities", "input_audio_format", "sample_rate",
                "input_audio_transcription", "turn_detection");
            AssertNames(json["session"]!["turn_detection"], "type", "threshold", "silence_duration_ms");
            Assert.Equal(JsonValueKind.String, json["session"]!["id"]!.GetValueKind());
        }
    }

    [Fact]
    public void Speech_started_is_written_with_the_section_4_4_fields()
    {
        var json = Write(new SpeechStartedEvent { EventId = "event_a", AudioStartMs = 64, ItemId = "item_a" });

        JsonAssert.SemanticallyEqual(
            """{"event_id":"event_a","type":"input_audio_buffer.speech_started","audio_start_ms":64,"item_id":"item_a"}""",
            json.ToJsonString());
    }

    [Fact]
    public void Speech_stopped_is_written_with_the_section_4_5_fields()
    {
        var json = Write(new SpeechStoppedEvent { EventId = "event_a", AudioEndMs = 28128, ItemId = "item_a" });

        JsonAssert.SemanticallyEqual(
            """{"event_id":"event_a","type":"input_audio_buffer.speech_stopped","audio_end_ms":28128,"item_id":"item_a"}""",
            json.ToJsonString());
    }

    [Fact]
    public void Audio_offsets_beyond_int32_are_written_as_integers()
    {
        // 25 days of audio in milliseconds does not fit an int; the wire type is an integer either way.
        var json = Write(new SpeechStartedEvent { EventId = "event_a", AudioStartMs = 3_000_000_000, ItemId = "item_a" });

        Assert.Equal("3000000000", json["audio_start_ms"]!.ToJsonString());
    }

    [Fact]
    public void First_committed_item_writes_previous_item_id_null()
    {
        var json = Write(new InputAudioBufferCommittedEvent { EventId = "event_a", ItemId = "item_a" });

        AssertNames(json, "event_id", "type", "previous_item_id", "item_id");
        Assert.True(json.AsObject().ContainsKey("previous_item_id"));
        Assert.Null(json["previous_item_id"]);
        Assert.Equal("item_a", json["item_id"]!.GetValue<string>());
    }

    [Fact]
    public void Later_committed_item_writes_previous_item_id()
    {
        var json = Write(new InputAudioBufferCommittedEvent { EventId = "event_a", PreviousItemId = "item_a", ItemId = "item_b" });

        JsonAssert.SemanticallyEqual(
            """{"event_id":"event_a","type":"input_audio_buffer.committed","previous_item_id":"item_a","item_id":"item_b"}""",
            json.ToJsonString());
    }

    [Fact]
    public void Cleared_is_written_with_only_event_id_and_type()
    {
        var json = Write(new InputAudioBufferClearedEvent { EventId = "event_a" });

        JsonAssert.SemanticallyEqual("""{"event_id":"event_a","type":"input_audio_buffer.cleared"}""", json.ToJsonString());
    }

    [Fact]
    public void Item_created_is_written_with_the_section_4_7_fields_and_null_transcript()
    {
        var json = Write(new ConversationItemCreatedEvent
        {
            EventId = "event_a",
            Item = new ConversationItem { Id = "item_a", Content = [new ContentPart()] },
        });

        AssertNames(json, "event_id", "type", "previous_item_id", "item");
        AssertNames(json["item"], "id", "object", "type", "status", "role", "content");
        AssertNames(json["item"]!["content"]![0], "type", "transcript");
        JsonAssert.SemanticallyEqual(
            """
            {"event_id":"event_a","type":"conversation.item.created","previous_item_id":null,
             "item":{"id":"item_a","object":"realtime.item","type":"message","status":"completed","role":"user",
                     "content":[{"type":"input_audio","transcript":null}]}}
            """,
            json.ToJsonString());
    }

    [Fact]
    public void Text_is_written_with_the_section_4_8_fields()
    {
        var json = Write(new TranscriptionTextEvent
        {
            EventId = "event_a",
            ItemId = "item_a",
            Language = "zh",
            Emotion = "neutral",
            Text = "今天",
            Stash = "天气不错",
        });

        JsonAssert.SemanticallyEqual(
            """
            {"event_id":"event_a","type":"conversation.item.input_audio_transcription.text","item_id":"item_a",
             "content_index":0,"language":"zh","emotion":"neutral","text":"今天","stash":"天气不错"}
            """,
            json.ToJsonString());
    }

    [Fact]
    public void Text_and_stash_are_strings_even_when_not_set()
    {
        var json = Write(new TranscriptionTextEvent { EventId = "event_a", ItemId = "item_a" });

        Assert.Equal(JsonValueKind.String, json["text"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["stash"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["language"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["emotion"]!.GetValueKind());
        Assert.Equal("", json["text"]!.GetValue<string>());
        Assert.Equal("", json["stash"]!.GetValue<string>());
    }

    [Fact]
    public void Completed_is_written_with_the_section_4_9_fields()
    {
        var json = Write(new TranscriptionCompletedEvent
        {
            EventId = "event_a",
            ItemId = "item_a",
            Language = "en",
            Emotion = "happy",
            Transcript = "What's the weather like today?",
        });

        JsonAssert.SemanticallyEqual(
            """
            {"event_id":"event_a","type":"conversation.item.input_audio_transcription.completed","item_id":"item_a",
             "content_index":0,"language":"en","emotion":"happy","transcript":"What's the weather like today?"}
            """,
            json.ToJsonString());
    }

    [Fact]
    public void Transcript_is_a_string_even_when_not_set()
    {
        var json = Write(new TranscriptionCompletedEvent { EventId = "event_a", ItemId = "item_a" });

        Assert.Equal(JsonValueKind.String, json["transcript"]!.GetValueKind());
        Assert.Equal("", json["transcript"]!.GetValue<string>());
    }

    [Fact]
    public void Failed_is_written_with_the_section_4_10_fields()
    {
        var json = Write(new TranscriptionFailedEvent
        {
            EventId = "event_a",
            ItemId = "item_a",
            Error = new TranscriptionError { Code = ErrorCodes.AudioUnintelligible, Message = "The audio could not be transcribed." },
        });

        JsonAssert.SemanticallyEqual(
            """
            {"event_id":"event_a","type":"conversation.item.input_audio_transcription.failed","item_id":"item_a",
             "content_index":0,"error":{"code":"audio_unintelligible","message":"The audio could not be transcribed.","param":null}}
            """,
            json.ToJsonString());
    }

    [Fact]
    public void Finished_is_written_with_only_event_id_and_type()
    {
        var json = Write(new SessionFinishedEvent { EventId = "event_a" });

        JsonAssert.SemanticallyEqual("""{"event_id":"event_a","type":"session.finished"}""", json.ToJsonString());
    }

    [Fact]
    public void Event_id_and_type_are_written_even_for_a_default_event()
    {
        var json = Write(new SessionFinishedEvent());

        AssertNames(json, "event_id", "type");
        Assert.Equal(JsonValueKind.String, json["event_id"]!.GetValueKind());
    }

    [Fact]
    public void Extension_data_is_written_after_the_modelled_fields()
    {
        using var extra = JsonDocument.Parse("""{"transcript":"all finals"}""");
        var finished = new SessionFinishedEvent
        {
            EventId = "event_a",
            ExtensionData = new Dictionary<string, JsonElement> { ["transcript"] = extra.RootElement.GetProperty("transcript").Clone() },
        };

        var json = Write(finished);

        AssertNames(json, "event_id", "type", "transcript");
    }

    [Fact]
    public void Non_ascii_text_survives_a_write_and_read()
    {
        var text = new TranscriptionTextEvent { EventId = "event_a", ItemId = "item_a", Text = "今天天气不错，", Stash = "阳光\"明媚\"\n😀" };

        var read = Assert.IsType<TranscriptionTextEvent>(
            ProtocolSerializer.ReadServerEvent(System.Text.Encoding.UTF8.GetBytes(ProtocolSerializer.ToJson(text))));

        Assert.Equal(text.Text, read.Text);
        Assert.Equal(text.Stash, read.Stash);
    }

    private static JsonNode Write(ServerEvent serverEvent) => JsonNode.Parse(ProtocolSerializer.ToJson(serverEvent))!;

    private static void AssertNames(JsonNode? node, params string[] expected) =>
        Assert.Equal(expected, JsonAssert.PropertyNames(node));
}
