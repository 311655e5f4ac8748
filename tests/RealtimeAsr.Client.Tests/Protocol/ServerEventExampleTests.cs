using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Protocol;

/// <summary>Every server-event example of the protocol reference (§4), copied to TestData/ServerEvents, parses into its typed event.</summary>
public sealed class ServerEventExampleTests
{
    private static readonly string s_directory = Path.Combine(AppContext.BaseDirectory, "TestData", "ServerEvents");

    public static TheoryData<string> Examples() => new(Directory.GetFiles(s_directory, "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_parses_into_a_known_event_of_its_type(string file)
    {
        var json = File.ReadAllBytes(Path.Combine(s_directory, file));

        var serverEvent = ProtocolSerializer.ReadServerEvent(json);

        Assert.IsNotType<UnknownServerEvent>(serverEvent);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(document.RootElement.GetProperty("type").GetString(), serverEvent.Type);
        var expectedId = document.RootElement.TryGetProperty("event_id", out var id) ? id.GetString() : "";
        Assert.Equal(expectedId, serverEvent.EventId);
        Assert.Null(serverEvent.ExtensionData);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_survives_a_round_trip(string file)
    {
        var parsed = ProtocolSerializer.ReadServerEvent(File.ReadAllBytes(Path.Combine(s_directory, file)));

        var again = ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(ProtocolSerializer.ToJson(parsed)));

        Assert.Equal(parsed.GetType(), again.GetType());
        Assert.Equal(ProtocolSerializer.ToJson(parsed), ProtocolSerializer.ToJson(again));
    }

    [Fact]
    public void Error_example_carries_type_code_message_param_and_the_client_event_id()
    {
        var error = Assert.IsType<ErrorEvent>(Read("error.json"));

        Assert.Equal("event_B2uoU7VOt1AAITsPRPH9n", error.EventId);
        Assert.Equal(ErrorTypes.InvalidRequest, error.Error.Type);
        Assert.Equal(ErrorCodes.InvalidValue, error.Error.Code);
        Assert.Equal("Invalid value: 'pcm16'. Supported values are: 'pcm', 'opus'.", error.Error.Message);
        Assert.Equal("session.input_audio_format", error.Error.Param);
        Assert.Equal("event_123", error.Error.EventId);

        var exception = new RealtimeAsrErrorException(error);
        Assert.Equal("invalid_value", exception.Code);
        Assert.Equal("session.input_audio_format", exception.Param);
        Assert.Equal("event_123", exception.ClientEventId);
        Assert.Contains("session.input_audio_format", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Older_error_example_parses_the_same_way()
    {
        var error = Assert.IsType<ErrorEvent>(Read("error-older-pages.json"));

        Assert.Equal("session.input_audio_transcription.model", error.Error.Param);
        Assert.StartsWith("Invalid value: 'whisper-1xx'", error.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("session.created.json")]
    [InlineData("session.updated.json")]
    public void Session_examples_carry_id_model_format_and_vad(string file)
    {
        var session = Read(file) switch
        {
            SessionCreatedEvent created => created.Session,
            SessionUpdatedEvent updated => updated.Session,
            var other => throw new InvalidOperationException(other.Type),
        };

        Assert.Equal("sess_001", session.Id);
        Assert.Equal("realtime.session", session.ObjectType);
        Assert.Equal("qwen3-asr-flash-realtime", session.Model);
        Assert.Equal(["text"], session.Modalities!);
        Assert.Equal("pcm", session.InputAudioFormat);
        Assert.Null(session.InputAudioTranscription);
        Assert.NotNull(session.TurnDetection);
        Assert.Equal("server_vad", session.TurnDetection.Type);
        Assert.Equal(0.2, session.TurnDetection.Threshold);
        Assert.Equal(800, session.TurnDetection.SilenceDurationMs);
    }

    [Fact]
    public void Speech_started_and_stopped_carry_offsets_and_item()
    {
        var started = Assert.IsType<SpeechStartedEvent>(Read("input_audio_buffer.speech_started.json"));
        var stopped = Assert.IsType<SpeechStoppedEvent>(Read("input_audio_buffer.speech_stopped.json"));

        Assert.Equal(64, started.AudioStartMs);
        Assert.Equal("item_B1lV7jWLscp4mMV8hSs8c", started.ItemId);
        Assert.Equal(28128, stopped.AudioEndMs);
        Assert.Equal("item_B3GGE8ry4yqbqJGzrVhEM", stopped.ItemId);
    }

    [Fact]
    public void Committed_and_cleared_parse()
    {
        var committed = Assert.IsType<InputAudioBufferCommittedEvent>(Read("input_audio_buffer.committed.json"));
        Assert.Equal("msg_001", committed.PreviousItemId);
        Assert.Equal("msg_002", committed.ItemId);
        Assert.IsType<InputAudioBufferClearedEvent>(Read("input_audio_buffer.cleared.json"));
    }

    [Fact]
    public void Item_created_carries_the_item_with_a_null_transcript()
    {
        var created = Assert.IsType<ConversationItemCreatedEvent>(Read("conversation.item.created.json"));

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

    [Fact]
    public void Partial_text_keeps_confirmed_text_and_stash_apart()
    {
        var partial = Assert.IsType<TranscriptionTextEvent>(Read("conversation.item.input_audio_transcription.text.json"));

        Assert.Equal("item_MpJQPNQzqVRc9aC9zMwSj", partial.ItemId);
        Assert.Equal(0, partial.ContentIndex);
        Assert.Equal("zh", partial.Language);
        Assert.Equal("neutral", partial.Emotion);
        Assert.Equal("", partial.Text);
        Assert.Equal("北京的", partial.Stash);

        var result = TranscriptionResult.FromEvent(partial)!;
        Assert.Equal(TranscriptionResultKind.Partial, result.Kind);
        Assert.Equal("北京的", result.FullText);
    }

    [Fact]
    public void Completed_carries_the_transcript()
    {
        var completed = Assert.IsType<TranscriptionCompletedEvent>(Read("conversation.item.input_audio_transcription.completed.json"));

        Assert.Equal("item_B3GGC53jGOuIFcjZkmEQ9", completed.ItemId);
        Assert.Equal("今天天气怎么样", completed.Transcript);
        Assert.Equal("zh", completed.Language);
        Assert.Equal("neutral", completed.Emotion);
        var result = TranscriptionResult.FromEvent(completed)!;
        Assert.Equal(TranscriptionResultKind.Final, result.Kind);
        Assert.Equal("今天天气怎么样", result.Text);
        Assert.Equal("", result.Stash);
    }

    [Fact]
    public void Failed_carries_the_item_and_error_with_or_without_event_id()
    {
        var failed = Assert.IsType<TranscriptionFailedEvent>(Read("conversation.item.input_audio_transcription.failed.json"));
        Assert.Equal("item_B4KHRmVbcQwp9yZk2UeN3", failed.ItemId);
        Assert.Equal("audio_unintelligible", failed.Error.Code);
        Assert.Equal("The audio could not be transcribed.", failed.Error.Message);
        Assert.Null(failed.Error.Param);
        Assert.Equal(TranscriptionResultKind.Failed, TranscriptionResult.FromEvent(failed)!.Kind);

        var older = Assert.IsType<TranscriptionFailedEvent>(Read("conversation.item.input_audio_transcription.failed-older-pages.json"));
        Assert.Equal("", older.EventId);
        Assert.Equal("<param>", older.Error.Param);
    }

    [Fact]
    public void Finished_has_nothing_but_id_and_type()
    {
        var finished = Assert.IsType<SessionFinishedEvent>(Read("session.finished.json"));
        Assert.Equal("event_2239", finished.EventId);
    }

    private static ServerEvent Read(string file) => ProtocolSerializer.ReadServerEvent(File.ReadAllBytes(Path.Combine(s_directory, file)));
}
