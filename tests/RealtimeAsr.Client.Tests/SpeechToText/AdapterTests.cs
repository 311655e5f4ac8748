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
        Assert.All(updates, u => Assert.Equal("sess_scripted", u.ResponseId));
        Assert.Equal("", updates[1].Text);
        Assert.Empty(updates[1].Contents);
        Assert.Equal("hello", updates[1].AdditionalProperties!["text"]);
        Assert.Equal(" wor", updates[1].AdditionalProperties!["stash"]);
        Assert.Equal("item_1", updates[1].AdditionalProperties!["item_id"]);
        Assert.Equal("hello world", updates[2].Text);
        Assert.Equal("item_1", updates[2].AdditionalProperties!["item_id"]);
        Assert.Equal(TimeSpan.FromMilliseconds(120), updates[2].StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(900), updates[2].EndTime);
        Assert.IsType<TranscriptionCompletedEvent>(updates[2].RawRepresentation);
        var error = Assert.IsType<ErrorContent>(Assert.Single(updates[3].Contents));
        Assert.Equal("audio_unintelligible", error.ErrorCode);
        Assert.Equal("item_2", updates[3].AdditionalProperties!["item_id"]);
    }

    [Fact]
    public async Task Updates_combined_by_ToSpeechToTextResponseAsync_give_the_joined_finals_without_partials()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync(new TranscriptionTextEvent { EventId = "e1", ItemId = "item_1", Text = "", Stash = "he" });
            await connection.SendAsync(new TranscriptionTextEvent { EventId = "e2", ItemId = "item_1", Text = "he", Stash = " was" });
            await connection.SendAsync(new TranscriptionTextEvent { EventId = "e3", ItemId = "item_1", Text = "he was", Stash = " not" });
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e4", ItemId = "item_1", Transcript = "He was not there." });
            await connection.SendAsync(new TranscriptionTextEvent { EventId = "e5", ItemId = "item_2", Text = "", Stash = "so" });
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e6", ItemId = "item_2", Transcript = " So he left. " });
            await connection.ReceiveUntilAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e7" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();

        var response = await speechToText.GetStreamingTextAsync(new MemoryStream(new byte[3200])).ToSpeechToTextResponseAsync();

        Assert.Equal("He was not there. So he left.", response.Text);
        Assert.Equal("sess_scripted", response.ResponseId);
    }

    [Fact]
    public async Task Get_text_returns_the_transcribed_utterances_and_an_error_content_for_a_failed_one()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e1", ItemId = "item_1", Transcript = "First sentence." });
            await connection.SendAsync(new TranscriptionFailedEvent { EventId = "e2", ItemId = "item_2", Error = new TranscriptionError { Code = "audio_unintelligible", Message = "nothing heard" } });
            await connection.SendAsync(new TranscriptionCompletedEvent { EventId = "e3", ItemId = "item_3", Transcript = "Third one." });
            await connection.ReceiveUntilAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e4" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();

        var response = await speechToText.GetTextAsync(new MemoryStream(new byte[3200]));

        Assert.Equal("First sentence. Third one.", response.Text);
        var failure = Assert.Single(response.Contents.OfType<ErrorContent>());
        Assert.Equal("audio_unintelligible", failure.ErrorCode);
        Assert.Equal("nothing heard", failure.Message);
    }

    [Fact]
    public async Task Get_text_throws_when_every_utterance_failed()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            await connection.SendAsync(new TranscriptionFailedEvent { EventId = "e1", ItemId = "item_1", Error = new TranscriptionError { Code = "audio_unintelligible", Message = "nothing heard" } });
            await connection.ReceiveUntilAsync(EventTypes.SessionFinish);
            await connection.SendAsync(new SessionFinishedEvent { EventId = "e2" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();

        var exception = await Assert.ThrowsAsync<RealtimeAsrException>(() => speechToText.GetTextAsync(new MemoryStream(new byte[3200])));

        Assert.Contains("audio_unintelligible", exception.Message, StringComparison.Ordinal);
        Assert.Contains("nothing heard", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wav_header_sets_the_rate_and_is_not_sent_as_audio()
    {
        string? rate = null;
        var appended = new List<byte>();
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            var update = await connection.AcceptSessionAsync();
            rate = update.GetProperty("session").GetProperty("sample_rate").GetRawText();
            foreach (var message in await connection.ReceiveUntilAsync(EventTypes.SessionFinish))
            {
                if (message.GetProperty("type").GetString() == EventTypes.InputAudioBufferAppend)
                {
                    appended.AddRange(Convert.FromBase64String(message.GetProperty("audio").GetString()!));
                }
            }

            await connection.SendAsync(new SessionFinishedEvent { EventId = "e1" });
            await connection.WaitForCloseAsync();
        });
        using var speechToText = server.CreateClient().AsSpeechToTextClient();
        var samples = Enumerable.Range(0, 800).Select(i => (byte)(i % 7 + 1)).ToArray();

        await speechToText.GetTextAsync(new MemoryStream(WavBuilder.Build(8000, 1, 16, samples, extraChunk: true)));

        Assert.Equal("8000", rate);
        Assert.Equal(samples, appended);
    }

    [Theory]
    [InlineData(44100, 2, 16, (ushort)1, "44100 Hz, 2 channels, 16-bit PCM")]
    [InlineData(16000, 1, 32, (ushort)3, "16000 Hz, mono, 32-bit float")]
    [InlineData(22050, 1, 16, (ushort)1, "22050 Hz, mono, 16-bit PCM")]
    public async Task A_wav_in_another_format_is_refused_naming_it_and_what_is_accepted(int rate, int channels, int bits, ushort tag, string described)
    {
        // Refused before connecting: nothing listens on this port.
        using var speechToText = new RealtimeAsrClient(new Uri("ws://127.0.0.1:9/api-ws/v1/realtime"), "k").AsSpeechToTextClient();
        var wav = WavBuilder.Build(rate, channels, bits, new byte[4 * channels * bits / 8], tag);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => speechToText.GetTextAsync(new MemoryStream(wav)));

        Assert.Contains(described, exception.Message, StringComparison.Ordinal);
        Assert.Contains("16-bit PCM mono at 16000 or 8000 Hz", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_rate_option_that_contradicts_the_wav_header_is_refused()
    {
        using var speechToText = new RealtimeAsrClient(new Uri("ws://127.0.0.1:9/api-ws/v1/realtime"), "k").AsSpeechToTextClient();
        var wav = WavBuilder.Build(8000, 1, 16, new byte[160]);

        await Assert.ThrowsAsync<ArgumentException>(() => speechToText.GetTextAsync(new MemoryStream(wav), new SpeechToTextOptions { SpeechSampleRate = 16000 }));
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
    [InlineData(new[] { "今天。", "Hello." }, "今天。 Hello.")]
    public void Transcripts_are_joined_with_spaces_except_between_cjk(string[] transcripts, string expected) =>
        Assert.Equal(expected, TranscriptJoiner.Join(transcripts));
}
