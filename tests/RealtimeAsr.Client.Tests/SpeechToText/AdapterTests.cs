using Microsoft.Extensions.AI;
using RealtimeAsr.Client.SpeechToText;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.SpeechToText;

/// <summary>The ISpeechToTextClient adapter maps protocol events to Microsoft.Extensions.AI update kinds.</summary>
public sealed class AdapterTests
{
    [Fact]
    public async Task Streaming_maps_session_partials_finals_errors_and_close()
    {
        string? language = null;
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            var update = await connection.AcceptSessionAsync();
            language = update.GetProperty("session").GetProperty("input_audio_transcription").GetProperty("language").GetString();
            await connection.SendAsync(new SpeechStartedEvent { EventId = "e1", ItemId = "item_1", AudioStartMs = 120 });
            await connection.SendAsync(new TranscriptionTextEvent { EventId = "e2", ItemId = "item_1", Text = "hello", Stash = " wor", Language = "en", Emotion = "neutral" });
            await connection.SendAsync(new SpeechStoppedEvent { EventId = "e3", ItemId = "item_1", AudioEndMs = 900 });
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e4", ItemId = "item_1", Transcript = "hello world", Language = "en", Emotion = "neutral" });
            await connection.SendAsync(new TranscriptionFailedEvent { EventId = "e5", ItemId = "item_2", Error = new TranscriptionError { Code = "audio_unintelligible", Message = "nothing heard" } });
            await connection.ReceiveUntilAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e6" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in speechToText.GetStreamingTextAsync(new MemoryStream(new byte[3200]), new SpeechToTextOptions { SpeechLanguage = "en-US" }))
        {
            updates.Add(update);
        }

        Assert.Equal("en", language);
        Assert.Equal(
            [SpeechToTextResponseUpdateKind.SessionOpen, SpeechToTextResponseUpdateKind.TextUpdating, SpeechToTextResponseUpdateKind.TextUpdated,
             SpeechToTextResponseUpdateKind.Error, SpeechToTextResponseUpdateKind.SessionClose],
            updates.Select(u => u.Kind));
        Assert.Equal("sess_scripted", updates[0].ResponseId);
        Assert.Equal("hello wor", updates[1].Text);
        Assert.Equal("hello", updates[1].AdditionalProperties!["text"]);
        Assert.Equal(" wor", updates[1].AdditionalProperties!["stash"]);
        Assert.Equal("item_1", updates[1].ResponseId);
        Assert.Equal("hello world", updates[2].Text);
        Assert.Equal(TimeSpan.FromMilliseconds(120), updates[2].StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(900), updates[2].EndTime);
        Assert.IsType<TranscriptionCompletedEvent>(updates[2].RawRepresentation);
        var error = Assert.IsType<ErrorContent>(Assert.Single(updates[3].Contents));
        Assert.Equal("audio_unintelligible", error.ErrorCode);
    }

    [Fact]
    public async Task Get_text_joins_the_final_transcripts()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e1", ItemId = "item_1", Transcript = "First sentence." });
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e2", ItemId = "item_2", Transcript = "Second one." });
            await connection.ReceiveUntilAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e3" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();

        var response = await speechToText.GetTextAsync(new MemoryStream(new byte[3200]));

        Assert.Equal("First sentence. Second one.", response.Text);
        Assert.Equal("sess_scripted", response.ResponseId);
    }

    [Fact]
    public async Task Get_text_throws_on_an_error_event()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync(new ErrorEvent { EventId = "e1", Error = new ErrorDetail { Type = ErrorTypes.InvalidRequest, Code = ErrorCodes.InvalidAudio, Message = "bad audio" } });
            await connection.ReceiveUntilAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e2" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();

        var exception = await Assert.ThrowsAsync<RealtimeAsrErrorException>(() => speechToText.GetTextAsync(new MemoryStream(new byte[3200])));

        Assert.Equal(ErrorCodes.InvalidAudio, exception.Code);
    }

    [Fact]
    public void Metadata_and_services_describe_the_client()
    {
        var client = new RealtimeAsrClient(new Uri("ws://127.0.0.1:9/api-ws/v1/realtime"), "k");
        using var speechToText = client.AsSpeechToTextClient();

        var metadata = speechToText.GetService<SpeechToTextClientMetadata>()!;

        Assert.Equal("qwen3-asr-flash-realtime", metadata.DefaultModelId);
        Assert.Equal(client.SessionUri, metadata.ProviderUri);
        Assert.Same(client, speechToText.GetService<RealtimeAsrClient>());
        Assert.Same(speechToText, speechToText.GetService<RealtimeAsrSpeechToTextClient>());
        Assert.Null(speechToText.GetService<RealtimeAsrClient>("key"));
    }

    [Theory]
    [InlineData(new[] { "Hello there.", "How are you?" }, "Hello there. How are you?")]
    [InlineData(new[] { "今天天气不错，", "阳光明媚。" }, "今天天气不错，阳光明媚。")]
    [InlineData(new[] { " padded ", "", "text" }, "padded text")]
    public void Transcripts_are_joined_with_spaces_except_between_cjk(string[] transcripts, string expected) =>
        Assert.Equal(expected, TranscriptJoiner.Join(transcripts));
}
