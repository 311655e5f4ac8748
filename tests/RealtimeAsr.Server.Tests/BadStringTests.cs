using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// JSON strings that are valid JSON but not valid Unicode (escaped unpaired UTF-16 surrogates) in any field a client
/// sends: each gets an <c>invalid_request_error</c> naming the field, an <c>event_id</c> that is itself bad is not
/// echoed, and the session keeps working (it is neither closed nor failed with <c>server_error</c>).
/// </summary>
[Collection(SharedServer.Name)]
public sealed class BadStringTests(ServerFixture server)
{
    // The bad text is a JSON escape, as a client would write it: \udc00 is a lone low surrogate, and so on.
    public static TheoryData<string, string, string, string?> BadStrings => new()
    {
        { "lone low event_id", """{"event_id":"\udc00","type":"session.finish"}""", ErrorCodes.InvalidValue, "event_id" },
        { "lone high event_id", """{"type":"input_audio_buffer.commit","event_id":"ev\ud800"}""", ErrorCodes.InvalidValue, "event_id" },
        { "reversed pair type", """{"event_id":"e1","type":"\ude00\ud83d"}""", ErrorCodes.InvalidValue, "type" },
        { "lone high type", """{"event_id":"e1","type":"session.finish\ud800"}""", ErrorCodes.InvalidValue, "type" },
        { "audio", """{"event_id":"e1","type":"input_audio_buffer.append","audio":"AAAA\udfff"}""", ErrorCodes.InvalidBase64, "audio" },
        { "format", """{"event_id":"e1","type":"session.update","session":{"input_audio_format":"pcm\udc00"}}""", ErrorCodes.InvalidValue, "session.input_audio_format" },
        { "language", """{"event_id":"e1","type":"session.update","session":{"input_audio_transcription":{"language":"\ud800en"}}}""", ErrorCodes.InvalidValue, "session.input_audio_transcription.language" },
        { "corpus text", """{"event_id":"e1","type":"session.update","session":{"input_audio_transcription":{"corpus":{"text":"Qwen \udc00"}}}}""", ErrorCodes.InvalidValue, "session.input_audio_transcription.corpus.text" },
        { "legacy language", """{"event_id":"e1","type":"session.update","session":{"language":"\udfff\udfff"}}""", ErrorCodes.InvalidValue, "session.language" },
        { "legacy corpus text", """{"event_id":"e1","type":"session.update","session":{"corpus":{"text":"\ud800\u0041"}}}""", ErrorCodes.InvalidValue, "session.corpus.text" },
        { "turn_detection type", """{"event_id":"e1","type":"session.update","session":{"turn_detection":{"type":"server_vad\ud800"}}}""", ErrorCodes.InvalidValue, "session.turn_detection.type" },
        { "sample_rate", """{"event_id":"e1","type":"session.update","session":{"sample_rate":"\udc00"}}""", ErrorCodes.InvalidValue, "session.sample_rate" },
    };

    [Theory]
    [MemberData(nameof(BadStrings))]
    public async Task A_string_that_is_not_text_gets_an_error_naming_its_field_and_the_session_goes_on(
        string what, string json, string code, string? param)
    {
        await using var client = await server.ConnectAsync();
        await client.SendJsonAsync(json);
        var error = await NextErrorAsync(client);

        Assert.Equal(ErrorTypes.InvalidRequest, error.Type);
        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(param == "event_id" ? null : "e1", error.EventId);

        // The session goes on: an update applies, and a valid finish ends it properly.
        await client.UpdateAsync("""{"turn_detection":null}""", $"e_after_{what.Replace(' ', '_')}");
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        await client.FinishAsync("e_finish");
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.Error);
    }

    [Fact]
    public async Task An_event_id_that_is_not_text_is_sent_back_as_null()
    {
        await using var client = await server.ConnectAsync();
        await client.SendJsonAsync("""{"event_id":"\udc00","type":"session.finish"}""");
        var events = await client.ReceiveUntilAsync(EventTypes.Error);

        var error = events[^1].Root.GetProperty("error");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, error.GetProperty("event_id").ValueKind);
        Assert.Equal("event_id", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Names_and_ignored_fields_that_are_not_text_are_ignored()
    {
        await using var client = await server.ConnectAsync();
        await client.SendJsonAsync("""
            {"\udc00":1,"event_id":"e1","type":"session.update","type\ud800":"x",
             "session":{"voice":"\udc00","\ud800":"\udc00","input_audio_transcription":{"prompt":"\ude00\ud83d","language":"en"},"sample_rate":8000}}
            """);
        var events = await client.ReceiveUntilAsync(EventTypes.SessionUpdated);

        Assert.DoesNotContain(events, e => e.Type == EventTypes.Error);
        var session = ((SessionUpdatedEvent)events[^1].Event).Session;
        Assert.Equal(8000, session.SampleRate);
        Assert.Equal("en", session.InputAudioTranscription?.Language);
    }

    [Fact]
    public async Task After_every_kind_of_bad_string_in_one_session_speech_is_still_transcribed()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""");
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        foreach (var row in BadStrings)
        {
            await client.SendJsonAsync((string)row[1]);
            var error = await NextErrorAsync(client);
            Assert.Equal((string)row[2], error.Code);
            Assert.Equal((string?)row[3], error.Param);
        }

        // Nothing above changed the settings (every update was refused whole), and nothing was finished or appended.
        Assert.Equal(WebSocketState.Open, client.State);
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));
        await client.CommitAsync("e_commit");
        var completed = await client.ReceiveUntilAsync(EventTypes.TranscriptionCompleted);
        Assert.DoesNotContain(completed, e => e.Type == EventTypes.Error);
        Assert.Contains("young man", ((TranscriptionCompletedEvent)completed[^1].Event).Transcript, StringComparison.Ordinal);

        await client.FinishAsync("e_finish");
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);
    }

    private static async Task<ErrorDetail> NextErrorAsync(RawRealtimeClient client)
    {
        var events = await client.ReceiveUntilAsync(EventTypes.Error);
        return ((ErrorEvent)events[^1].Event).Error;
    }
}
