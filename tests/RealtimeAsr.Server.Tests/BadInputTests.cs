using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Every kind of bad input gets its own error code, naming the param and event, and the session keeps working.</summary>
[Collection(SharedServer.Name)]
public sealed class BadInputTests(ServerFixture server)
{
    public static TheoryData<string, string, string?> BadEvents => new()
    {
        { "{not json", ErrorCodes.InvalidJson, null },
        { "[1,2,3]", ErrorCodes.InvalidJson, null },
        { """{"event_id":"e1","type":"response.create","response":{}}""", ErrorCodes.InvalidEvent, "type" },
        { """{"event_id":"e1","type":"no.such.event"}""", ErrorCodes.InvalidEvent, "type" },
        { """{"event_id":"e1"}""", ErrorCodes.MissingRequiredParameter, "type" },
        { """{"event_id":"e1","type":"input_audio_buffer.append","audio":"%%%not-base64%%%"}""", ErrorCodes.InvalidBase64, "audio" },
        { """{"event_id":"e1","type":"input_audio_buffer.append"}""", ErrorCodes.MissingRequiredParameter, "audio" },
        { """{"event_id":"e1","type":"input_audio_buffer.commit"}""", ErrorCodes.CommitNotAllowed, "type" },
        { """{"event_id":"e1","type":"session.update","session":{"input_audio_format":"mp3"}}""", ErrorCodes.InvalidValue, "session.input_audio_format" },
        { """{"event_id":"e1","type":"session.update","session":{"sample_rate":44100}}""", ErrorCodes.InvalidValue, "session.sample_rate" },
        { """{"event_id":"e1","type":"session.update","session":{"turn_detection":{"type":"server_vad","threshold":1.5}}}""", ErrorCodes.InvalidValue, "session.turn_detection.threshold" },
        { """{"event_id":"e1","type":"session.update","session":{"turn_detection":{"type":"server_vad","silence_duration_ms":100}}}""", ErrorCodes.InvalidValue, "session.turn_detection.silence_duration_ms" },
        { """{"event_id":"e1","type":"session.update","session":{"turn_detection":{"type":"semantic_vad"}}}""", ErrorCodes.InvalidValue, "session.turn_detection.type" },
        { """{"event_id":"e1","type":"session.update","session":{"input_audio_transcription":{"language":"zh"}}}""", ErrorCodes.InvalidValue, "session.input_audio_transcription.language" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_events_get_a_distinct_error_and_the_session_keeps_working(string json, string code, string? param)
    {
        await using var client = await server.ConnectAsync();
        await client.SendJsonAsync(json);
        var error = await NextErrorAsync(client);

        Assert.Equal(ErrorTypes.InvalidRequest, error.Type);
        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        if (json.StartsWith("{\"event_id\"", StringComparison.Ordinal))
        {
            Assert.Equal("e1", error.EventId);
        }

        await AssertStillTranscribesAsync(client);
    }

    [Fact]
    public async Task An_empty_commit_in_manual_mode_is_refused()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.CommitAsync("e_commit");
        var error = await NextErrorAsync(client);

        Assert.Equal(ErrorCodes.CommitEmpty, error.Code);
        Assert.Equal("e_commit", error.EventId);
    }

    [Fact]
    public async Task An_append_over_15_MiB_is_refused_with_its_event_id()
    {
        await using var client = await server.ConnectAsync();
        var audio = new string('A', InputAudioBufferAppendEvent.MaxAudioBase64Length + 4);
        await client.SendJsonAsync($$"""{"event_id":"e_big","type":"input_audio_buffer.append","audio":"{{audio}}"}""");
        var error = await NextErrorAsync(client);

        Assert.Equal(ErrorCodes.AudioTooLarge, error.Code);
        Assert.Equal("audio", error.Param);
        Assert.Equal("e_big", error.EventId);
        await AssertStillTranscribesAsync(client);
    }

    [Fact]
    public async Task A_message_over_the_frame_limit_is_discarded_with_an_error()
    {
        await using var client = await server.ConnectAsync();
        await client.SendJsonAsync(new string(' ', 17 * 1024 * 1024) + "{}");
        Assert.Equal(ErrorCodes.MessageTooLarge, (await NextErrorAsync(client)).Code);
        await AssertStillTranscribesAsync(client);
    }

    [Fact]
    public async Task Corrupt_opus_is_refused_and_a_new_stream_is_accepted()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"input_audio_format":"opus","turn_detection":null}""");
        await client.AppendAsync("this is not an ogg stream at all"u8, "e_bad_opus");
        var error = await NextErrorAsync(client);
        Assert.Equal(ErrorCodes.InvalidAudio, error.Code);
        Assert.Equal("e_bad_opus", error.EventId);

        await client.AppendChunkedAsync(TestAudio.EncodeOggOpus(TestAudio.LibriVoxClips()[1].Samples), 1000);
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        Assert.NotEmpty(events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().Single().Transcript);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_without_an_error()
    {
        await using var client = await server.ConnectAsync();
        await client.SendJsonAsync("""{"event_id":"e1","type":"session.update","extra":1,"session":{"instructions":"x","voice":"Cherry","input_audio_transcription":{"model":"whisper-1","language":"en"}}}""");
        var events = await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.Error);
    }

    [Fact]
    public async Task A_binary_frame_is_refused()
    {
        await using var client = await server.ConnectAsync();
        await client.SendBinaryAsync([1, 2, 3]);
        Assert.Equal(ErrorCodes.InvalidJson, (await NextErrorAsync(client)).Code);
        await AssertStillTranscribesAsync(client);
    }

    [Fact]
    public async Task Events_after_finish_are_refused()
    {
        await using var client = await server.ConnectAsync();
        await client.FinishAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        await client.CommitAsync("e_late");
        var error = await NextErrorAsync(client);
        Assert.Equal(ErrorCodes.SessionFinishing, error.Code);
        Assert.Equal("e_late", error.EventId);
    }

    [Fact]
    public async Task Garbage_in_one_session_does_not_affect_another()
    {
        await using var victim = await server.ConnectAsync();
        await using var attacker = await server.ConnectAsync();
        var attack = Task.Run(async () =>
        {
            foreach (var row in BadEvents)
            {
                await attacker.SendJsonAsync((string)row[0]);
            }

            await attacker.SendBinaryAsync(new byte[100_000]);
        });

        await AssertStillTranscribesAsync(victim);
        await attack;
    }

    private static async Task<ErrorDetail> NextErrorAsync(RawRealtimeClient client)
    {
        var events = await client.ReceiveUntilAsync(EventTypes.Error);
        return ((ErrorEvent)events[^1].Event).Error;
    }

    /// <summary>The session still recognises speech: Manual mode, one clip, commit, completed.</summary>
    private static async Task AssertStillTranscribesAsync(RawRealtimeClient client)
    {
        Assert.Equal(WebSocketState.Open, client.State);
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""", "e_recover");
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));
        await client.CommitAsync("e_recover_commit");
        var events = await client.ReceiveUntilAsync(EventTypes.TranscriptionCompleted);
        Assert.Contains("young man", ((TranscriptionCompletedEvent)events[^1].Event).Transcript, StringComparison.Ordinal);
    }
}
