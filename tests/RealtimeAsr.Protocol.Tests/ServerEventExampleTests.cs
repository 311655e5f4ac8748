using System.Text.Json.Nodes;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Protocol.Tests;

/// <summary>Every server-event example of protocol.md §4: read into its typed class, then written back unchanged.</summary>
public sealed class ServerEventExampleTests
{
    public static TheoryData<string> ServerExamples => Examples.TheoryData("server.");

    [Fact]
    public void Every_server_example_of_section_4_is_present()
    {
        string[] expected =
        [
            "server.conversation.item.created.json",
            "server.conversation.item.input_audio_transcription.completed.en.json",
            "server.conversation.item.input_audio_transcription.completed.json",
            "server.conversation.item.input_audio_transcription.failed.help-aliyun-no-event-id.json",
            "server.conversation.item.input_audio_transcription.failed.json",
            "server.conversation.item.input_audio_transcription.text.en.json",
            "server.conversation.item.input_audio_transcription.text.json",
            "server.error.help-aliyun-whisper.json",
            "server.error.json",
            "server.input_audio_buffer.cleared.json",
            "server.input_audio_buffer.committed.json",
            "server.input_audio_buffer.speech_started.json",
            "server.input_audio_buffer.speech_stopped.json",
            "server.session.created.json",
            "server.session.created.older-pages.json",
            "server.session.finished.json",
            "server.session.updated.help-aliyun.json",
            "server.session.updated.json",
        ];

        Assert.Equal(expected, Examples.Named("server."));
    }

    [Theory]
    [MemberData(nameof(ServerExamples))]
    public void Example_reads_as_its_typed_event_and_writes_back_the_same_json(string file)
    {
        var json = Examples.ReadBytes(file);
        var original = JsonNode.Parse(json)!.AsObject();

        var serverEvent = ProtocolSerializer.ReadServerEvent(json);

        Assert.IsNotType<UnknownServerEvent>(serverEvent);
        Assert.Equal(original["type"]!.GetValue<string>(), serverEvent.Type);
        Assert.Equal(original["type"]!.GetValue<string>(), ProtocolSerializer.ReadType(json));
        Assert.True(serverEvent.ExtensionData is null or { Count: 0 }, "A documented field was not modelled: "
            + string.Join(", ", serverEvent.ExtensionData?.Keys ?? []));

        // The help.aliyun `failed` example has no event_id; the server always writes one (§4.10 "Always send event_id").
        if (!original.ContainsKey("event_id"))
        {
            Assert.Equal("", serverEvent.EventId);
            original["event_id"] = "";
        }

        JsonAssert.SemanticallyEqual(original, ProtocolSerializer.ToJson(serverEvent));
    }

    [Theory]
    [MemberData(nameof(ServerExamples))]
    public void Written_example_starts_with_event_id_and_type(string file)
    {
        var serverEvent = ProtocolSerializer.ReadServerEvent(Examples.ReadBytes(file));

        var names = JsonAssert.PropertyNames(JsonNode.Parse(ProtocolSerializer.ToJson(serverEvent)));

        Assert.Equal(["event_id", "type"], names.Take(2));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(ServerExamples))]
    public void Writing_through_a_buffer_writer_matches_ToJson(string file)
    {
        var serverEvent = ProtocolSerializer.ReadServerEvent(Examples.ReadBytes(file));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        ProtocolSerializer.Write(buffer, serverEvent);

        Assert.Equal(ProtocolSerializer.ToJson(serverEvent), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Error_example_has_its_fields()
    {
        var error = Read<ErrorEvent>("server.error.json");

        Assert.Equal("event_B2uoU7VOt1AAITsPRPH9n", error.EventId);
        Assert.Equal(EventTypes.Error, error.Type);
        Assert.Equal(ErrorTypes.InvalidRequest, error.Error.Type);
        Assert.Equal(ErrorCodes.InvalidValue, error.Error.Code);
        Assert.Equal("Invalid value: 'pcm16'. Supported values are: 'pcm', 'opus'.", error.Error.Message);
        Assert.Equal("session.input_audio_format", error.Error.Param);
        Assert.Equal("event_123", error.Error.EventId);
    }

    [Fact]
    public void Older_error_example_has_its_fields()
    {
        var error = Read<ErrorEvent>("server.error.help-aliyun-whisper.json");

        Assert.Equal("Invalid value: 'whisper-1xx'. Supported values are: 'whisper-1'.", error.Error.Message);
        Assert.Equal("session.input_audio_transcription.model", error.Error.Param);
    }

    [Fact]
    public void Session_created_example_has_its_fields()
    {
        var created = Read<SessionCreatedEvent>("server.session.created.json");

        Assert.Equal("event_1234", created.EventId);
        AssertDocumentedSession(created.Session, "qwen3-asr-flash-realtime", "pcm", 0.2, 800);
    }

    [Fact]
    public void Older_session_created_example_keeps_its_openai_values()
    {
        var created = Read<SessionCreatedEvent>("server.session.created.older-pages.json");

        AssertDocumentedSession(created.Session, "qwen3-asr-flash-realtime", "pcm16", 0.5, 200);
    }

    [Fact]
    public void Session_updated_example_has_its_fields()
    {
        var updated = Read<SessionUpdatedEvent>("server.session.updated.json");

        Assert.Equal("event_1234", updated.EventId);
        AssertDocumentedSession(updated.Session, "qwen3-asr-flash-realtime", "pcm", 0.2, 800);
    }

    [Fact]
    public void Help_aliyun_session_updated_example_keeps_its_copy_paste_model()
    {
        var updated = Read<SessionUpdatedEvent>("server.session.updated.help-aliyun.json");

        AssertDocumentedSession(updated.Session, "gpt-4o-realtime-preview-2024-12-17", "pcm16", 0.2, 800);
    }

    [Fact]
    public void Speech_started_example_has_its_fields()
    {
        var started = Read<SpeechStartedEvent>("server.input_audio_buffer.speech_started.json");

        Assert.Equal("event_B1lV7FPbgTv9qGxPI1tH4", started.EventId);
        Assert.Equal(64, started.AudioStartMs);
        Assert.Equal("item_B1lV7jWLscp4mMV8hSs8c", started.ItemId);
    }

    [Fact]
    public void Speech_stopped_example_has_its_fields()
    {
        var stopped = Read<SpeechStoppedEvent>("server.input_audio_buffer.speech_stopped.json");

        Assert.Equal("event_B3GGEYh2orwNIdhUagZPz", stopped.EventId);
        Assert.Equal(28128, stopped.AudioEndMs);
        Assert.Equal("item_B3GGE8ry4yqbqJGzrVhEM", stopped.ItemId);
    }

    [Fact]
    public void Committed_example_has_its_fields()
    {
        var committed = Read<InputAudioBufferCommittedEvent>("server.input_audio_buffer.committed.json");

        Assert.Equal("event_1121", committed.EventId);
        Assert.Equal("msg_001", committed.PreviousItemId);
        Assert.Equal("msg_002", committed.ItemId);
    }

    [Fact]
    public void Cleared_example_has_its_fields()
    {
        var cleared = Read<InputAudioBufferClearedEvent>("server.input_audio_buffer.cleared.json");

        Assert.Equal("event_C7kQ2xWm9RtYp4LzN8vBd", cleared.EventId);
    }

    [Fact]
    public void Item_created_example_has_its_fields()
    {
        var created = Read<ConversationItemCreatedEvent>("server.conversation.item.created.json");

        Assert.Equal("event_B3GGKbCfBZTpqFHZ0P8vg", created.EventId);
        Assert.Equal("item_B3GGE8ry4yqbqJGzrVhEM", created.PreviousItemId);
        Assert.Equal("item_B3GGEPlolCqdMiVbYIf5L", created.Item.Id);
        Assert.Equal("realtime.item", created.Item.ObjectType);
        Assert.Equal("message", created.Item.Type);
        Assert.Equal("completed", created.Item.Status);
        Assert.Equal("user", created.Item.Role);
        var part = Assert.Single(created.Item.Content);
        Assert.Equal("input_audio", part.Type);
        Assert.Null(part.Transcript);
    }

    [Theory]
    [InlineData("server.conversation.item.input_audio_transcription.text.json", "zh", "北京的")]
    [InlineData("server.conversation.item.input_audio_transcription.text.en.json", "en", "Beijing's")]
    public void Text_example_has_its_fields(string file, string language, string stash)
    {
        var text = Read<TranscriptionTextEvent>(file);

        Assert.Equal("event_R7Pfu8QVBfP5HmpcbEFSd", text.EventId);
        Assert.Equal("item_MpJQPNQzqVRc9aC9zMwSj", text.ItemId);
        Assert.Equal(0, text.ContentIndex);
        Assert.Equal(language, text.Language);
        Assert.Equal("neutral", text.Emotion);
        Assert.Equal("", text.Text);
        Assert.Equal(stash, text.Stash);
    }

    [Theory]
    [InlineData("server.conversation.item.input_audio_transcription.completed.json", "zh", "今天天气怎么样")]
    [InlineData("server.conversation.item.input_audio_transcription.completed.en.json", "en", "What's the weather like today?")]
    public void Completed_example_has_its_fields(string file, string language, string transcript)
    {
        var completed = Read<TranscriptionCompletedEvent>(file);

        Assert.Equal("event_B3GGEjPT2sLzjBM74W6kB", completed.EventId);
        Assert.Equal("item_B3GGC53jGOuIFcjZkmEQ9", completed.ItemId);
        Assert.Equal(0, completed.ContentIndex);
        Assert.Equal(language, completed.Language);
        Assert.Equal("neutral", completed.Emotion);
        Assert.Equal(transcript, completed.Transcript);
    }

    [Fact]
    public void Failed_example_has_its_fields()
    {
        var failed = Read<TranscriptionFailedEvent>("server.conversation.item.input_audio_transcription.failed.json");

        Assert.Equal("event_B4KHRpC2nXs7dLmqTVo1f", failed.EventId);
        Assert.Equal("item_B4KHRmVbcQwp9yZk2UeN3", failed.ItemId);
        Assert.Equal(0, failed.ContentIndex);
        Assert.Equal(ErrorCodes.AudioUnintelligible, failed.Error.Code);
        Assert.Equal("The audio could not be transcribed.", failed.Error.Message);
        Assert.Null(failed.Error.Param);
    }

    [Fact]
    public void Failed_example_without_event_id_reads_and_is_written_with_one()
    {
        var failed = Read<TranscriptionFailedEvent>(
            "server.conversation.item.input_audio_transcription.failed.help-aliyun-no-event-id.json");

        Assert.Equal("", failed.EventId);
        Assert.Equal("audio", failed.Error.Param);
        var written = JsonNode.Parse(ProtocolSerializer.ToJson(failed))!.AsObject();
        Assert.True(written.ContainsKey("event_id"));
    }

    [Fact]
    public void Session_finished_example_has_its_fields()
    {
        var finished = Read<SessionFinishedEvent>("server.session.finished.json");

        Assert.Equal("event_2239", finished.EventId);
        Assert.Equal(EventTypes.SessionFinished, finished.Type);
    }

    private static T Read<T>(string file)
        where T : ServerEvent => Assert.IsType<T>(ProtocolSerializer.ReadServerEvent(Examples.ReadBytes(file)));

    private static void AssertDocumentedSession(SessionConfiguration session, string model, string format, double threshold, int silenceMs)
    {
        Assert.Equal("sess_001", session.Id);
        Assert.Equal("realtime.session", session.ObjectType);
        Assert.Equal(model, session.Model);
        Assert.Equal(["text"], session.Modalities!);
        Assert.Equal(format, session.InputAudioFormat);
        Assert.Null(session.SampleRate);
        Assert.Null(session.InputAudioTranscription);
        var turn = Assert.IsType<TurnDetection>(session.TurnDetection);
        Assert.Equal(TurnDetection.ServerVad, turn.Type);
        Assert.Equal(threshold, turn.Threshold);
        Assert.Equal(silenceMs, turn.SilenceDurationMs);
        Assert.True(session.ExtensionData is null or { Count: 0 });
    }
}
