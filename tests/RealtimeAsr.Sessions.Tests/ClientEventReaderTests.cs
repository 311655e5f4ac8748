using System.Buffers;
using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>Every client frame becomes a command; every malformed one a <see cref="RejectEvent"/> with a distinct code.</summary>
public sealed class ClientEventReaderTests
{
    private static readonly string s_examples = Path.Combine(AppContext.BaseDirectory, "Examples");

    // ---- the protocol.md examples ----

    [Theory]
    [InlineData("client.session.update.documented.json", "event_123")]
    [InlineData("client.session.update.manual.json", "event_123")]
    [InlineData("client.session.update.python-sdk.json", "event_3f0c9a7e2b1d4c6f8e0a1b2c3d4e5f60")]
    [InlineData("client.session.update.java-sdk.json", "event_9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b")]
    [InlineData("client.session.update.java-sdk-nested-audio.json", "event_0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    [InlineData("client.session.update.python-sdk-no-transcription-params.json", "event_5d41402abc4b2a76b9719d911017c592")]
    [InlineData("client.session.update.python-sdk-transcription-disabled.json", "event_7d793037a0760186574b0282f2f435e7")]
    [InlineData("client.session.update.python-sdk-1.25.2-language-null.json", "event_e4da3b7fbbce2345d7772b0674a318d5")]
    [InlineData("client.session.update.python-sdk-legacy-top-level.json", "event_1679091c5a880faf6fb5e6087eb1b2dc")]
    public void Session_update_example_becomes_UpdateSession_with_the_session_object(string file, string eventId)
    {
        var frame = File.ReadAllBytes(Path.Combine(s_examples, file));

        var update = Assert.IsType<UpdateSession>(ClientEventReader.Read(frame));

        Assert.Equal(eventId, update.EventId);
        using var expected = JsonDocument.Parse(frame);
        Assert.True(JsonElement.DeepEquals(expected.RootElement.GetProperty("session"), update.Session));
    }

    [Fact]
    public void Append_example_becomes_AppendAudio_with_the_decoded_bytes()
    {
        var frame = File.ReadAllBytes(Path.Combine(s_examples, "client.input_audio_buffer.append.json"));
        using var document = JsonDocument.Parse(frame);
        var expected = document.RootElement.GetProperty("audio").GetBytesFromBase64();

        var append = Assert.IsType<AppendAudio>(ClientEventReader.Read(frame));
        try
        {
            Assert.Equal("event_2728", append.EventId);
            Assert.Equal(320, append.Length);
            Assert.Equal(expected, append.Audio.ToArray());
        }
        finally
        {
            append.Release();
        }
    }

    [Theory]
    [InlineData("client.input_audio_buffer.commit.json", typeof(CommitBuffer), "event_789")]
    [InlineData("client.input_audio_buffer.clear.json", typeof(ClearBuffer), "event_c4ca4238a0b923820dcc509a6f75849b")]
    [InlineData("client.session.finish.json", typeof(FinishSession), "event_341")]
    public void Example_without_payload_becomes_its_command(string file, Type commandType, string eventId)
    {
        var command = ClientEventReader.Read(File.ReadAllBytes(Path.Combine(s_examples, file)));

        Assert.IsType(commandType, command);
        Assert.Equal(eventId, command.EventId);
    }

    // ---- each event type ----

    [Theory]
    [InlineData("input_audio_buffer.commit", typeof(CommitBuffer))]
    [InlineData("input_audio_buffer.clear", typeof(ClearBuffer))]
    [InlineData("session.finish", typeof(FinishSession))]
    public void Event_type_becomes_its_command_with_the_event_id(string type, Type commandType)
    {
        var command = Read($$"""{"event_id":"event_a","type":"{{type}}"}""");

        Assert.IsType(commandType, command);
        Assert.Equal("event_a", command.EventId);
    }

    [Fact]
    public void Session_update_keeps_the_session_object_after_the_frame_is_reused()
    {
        var frame = Encoding.UTF8.GetBytes("""{"type":"session.update","session":{"sample_rate":8000,"turn_detection":null},"event_id":"event_a"}""");

        var update = Assert.IsType<UpdateSession>(ClientEventReader.Read(frame));
        Array.Fill(frame, (byte)'x');

        Assert.Equal("event_a", update.EventId);
        Assert.Equal(8000, update.Session.GetProperty("sample_rate").GetInt32());
        Assert.Equal(JsonValueKind.Null, update.Session.GetProperty("turn_detection").ValueKind);
    }

    [Fact]
    public void Session_update_with_a_null_session_is_passed_on_for_the_merger_to_reject()
    {
        var update = Assert.IsType<UpdateSession>(Read("""{"event_id":"event_a","type":"session.update","session":null}"""));

        Assert.Equal(JsonValueKind.Null, update.Session.ValueKind);
        Assert.NotNull(SessionUpdateMerger.TryApply(SessionSettings.Default, update.Session, out _));
    }

    [Theory]
    [InlineData("""{"type":"session.finish"}""")]
    [InlineData("""{"type":"session.finish","event_id":null}""")]
    [InlineData("""{"type":"session.finish","event_id":42}""")]
    [InlineData("""{"type":"session.finish","event_id":true}""")]
    public void Missing_or_non_string_event_id_is_tolerated_as_null(string json)
    {
        var finish = Assert.IsType<FinishSession>(Read(json));

        Assert.Null(finish.EventId);
    }

    [Theory]
    [InlineData("""{"event_id":["event_a"],"type":"session.finish"}""")]
    [InlineData("""{"event_id":{"id":"event_a"},"type":"session.finish"}""")]
    public void Array_or_object_event_id_is_tolerated_as_null(string json)
    {
        var finish = Assert.IsType<FinishSession>(Read(json));

        Assert.Null(finish.EventId);
    }

    [Fact]
    public void Object_type_is_not_confused_with_a_nested_type()
    {
        var reject = Assert.IsType<RejectEvent>(Read("""{"type":{"type":"session.finish"},"event_id":"event_a"}"""));

        Assert.Equal("type", reject.Param);
        Assert.Equal("event_a", reject.EventId);
    }

    [Fact]
    public void Unknown_fields_are_ignored_wherever_they_are()
    {
        var finish = Read("""
            {"extra":{"type":"session.update","event_id":"no","audio":"AAAA","nested":[{"type":"x"}]},
             "type":"session.finish","list":[1,"two",null,{"a":{}}],"event_id":"event_a","n":1.5e3}
            """);

        Assert.IsType<FinishSession>(finish);
        Assert.Equal("event_a", finish.EventId);
    }

    // ---- append ----

    [Fact]
    public void Append_audio_is_decoded_exactly()
    {
        var bytes = new byte[4801];
        new Random(42).NextBytes(bytes);

        var append = ReadAppend($$"""{"event_id":"event_a","type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(bytes)}}"}""");

        Assert.Equal("event_a", append.EventId);
        Assert.Equal(bytes.Length, append.Length);
        Assert.Equal(bytes, append.Audio.ToArray());
        Assert.True(append.Buffer.Length >= append.Length);
    }

    [Fact]
    public void Append_with_audio_before_type_and_event_id_is_decoded()
    {
        var append = ReadAppend("""{"audio":"AQID","event_id":"event_a","type":"input_audio_buffer.append"}""");

        Assert.Equal(new byte[] { 1, 2, 3 }, append.Audio.ToArray());
        Assert.Equal("event_a", append.EventId);
    }

    [Theory]
    [InlineData("""+/8APg==""", new byte[] { 0xFB, 0xFF, 0x00, 0x3E })]
    [InlineData("""+\/8APg==""", new byte[] { 0xFB, 0xFF, 0x00, 0x3E })]
    [InlineData("""\u002B\u002F8APg==""", new byte[] { 0xFB, 0xFF, 0x00, 0x3E })]
    [InlineData("""\u0041\u0051\u0049\u0044""", new byte[] { 1, 2, 3 })]
    [InlineData("""AQ\u0049D""", new byte[] { 1, 2, 3 })]
    [InlineData("""AQI\u003d""", new byte[] { 1, 2 })]
    public void Json_escaped_base64_is_decoded_exactly(string audioJson, byte[] expected)
    {
        var append = ReadAppend(AppendFrame(audioJson));

        Assert.Equal(expected, append.Audio.ToArray());
        Assert.Equal(expected.Length, append.Length);
    }

    [Fact]
    public void Append_written_by_the_protocol_serializer_is_read_back_exactly()
    {
        // System.Text.Json escapes '+' as \u002B, so this exercises the escaped path with real audio.
        var bytes = new byte[3200];
        new Random(7).NextBytes(bytes);
        var json = ProtocolSerializer.ToJson(new InputAudioBufferAppendEvent { EventId = "event_a", Audio = bytes });

        var append = ReadAppend(json);

        Assert.Equal("event_a", append.EventId);
        Assert.Equal(bytes, append.Audio.ToArray());
    }

    [Fact]
    public void Empty_audio_is_an_empty_append()
    {
        var append = ReadAppend("""{"event_id":"event_a","type":"input_audio_buffer.append","audio":""}""");

        Assert.Equal(0, append.Length);
        Assert.True(append.Audio.IsEmpty);
    }

    [Fact]
    public void A_second_audio_field_replaces_the_first()
    {
        var append = ReadAppend("""{"type":"input_audio_buffer.append","audio":"AQID","audio":"BAUG"}""");

        Assert.Equal(new byte[] { 4, 5, 6 }, append.Audio.ToArray());
    }

    [Fact]
    public void Audio_on_another_event_type_is_ignored()
    {
        Assert.IsType<FinishSession>(Read("""{"type":"session.finish","audio":"AQID"}"""));
        Assert.IsType<CommitBuffer>(Read("""{"type":"input_audio_buffer.commit","audio":"not base64!"}"""));
    }

    [Fact]
    public void Audio_of_exactly_15_mib_of_base64_is_accepted()
    {
        var append = ReadAppend(AppendFrame(new string('A', InputAudioBufferAppendEvent.MaxAudioBase64Length)));

        Assert.Equal(InputAudioBufferAppendEvent.MaxAudioBase64Length / 4 * 3, append.Length);
    }

    [Fact]
    public void Release_returns_the_buffer_to_the_shared_pool()
    {
        var append = Assert.IsType<AppendAudio>(Read("""{"type":"input_audio_buffer.append","audio":"AQIDBAUGBwg="}"""));
        var buffer = append.Buffer;

        append.Release();

        // The shared pool hands the most recently returned array of a size back to the same thread first.
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        Assert.Same(buffer, rented);
        ArrayPool<byte>.Shared.Return(rented);
    }

    [Fact]
    public void Many_appends_can_be_read_and_released()
    {
        for (var i = 0; i < 1000; i++)
        {
            var append = Assert.IsType<AppendAudio>(Read("""{"type":"input_audio_buffer.append","audio":"AQIDBA=="}"""));
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, append.Audio.ToArray());
            append.Release();
        }
    }

    // ---- rejects ----

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"session.finish\"")]
    [InlineData("""[{"type":"session.finish"}]""")]
    [InlineData("""[]""")]
    [InlineData("""{"type":"session.finish" """)]
    [InlineData("""{"type":"session.finish",}""")]
    [InlineData("""{'type':'session.finish'}""")]
    [InlineData("""{"type":"session.finish"} trailing""")]
    [InlineData("""{"type":"session.finish"}{"type":"session.finish"}""")]
    [InlineData("""{"type":"session.finish"}]""")]
    [InlineData("""{"type":"input_audio_buffer.append","audio":"AQID" """)]
    [InlineData("""{"type":"session.update","session":{"sample_rate":}}""")]
    public void Invalid_json_is_rejected_as_invalid_json(string frame)
    {
        var reject = AssertReject(Read(frame), ErrorCodes.InvalidJson, param: null);

        Assert.Null(reject.Param);
    }

    [Fact]
    public void Trailing_garbage_still_reports_the_event_id()
    {
        var reject = AssertReject(Read("""{"event_id":"event_a","type":"session.finish"} x"""), ErrorCodes.InvalidJson, param: null);

        Assert.Equal("event_a", reject.EventId);
    }

    [Fact]
    public void Deeply_nested_json_is_rejected_as_invalid_json()
    {
        var nested = new string('[', 100) + new string(']', 100);

        AssertReject(Read($$"""{"type":"session.finish","extra":{{nested}}}"""), ErrorCodes.InvalidJson, param: null);
    }

    [Theory]
    [InlineData("""{"event_id":"event_a"}""")]
    [InlineData("""{"event_id":"event_a","type":null}""")]
    [InlineData("""{"event_id":"event_a","type":5}""")]
    [InlineData("""{"event_id":"event_a","type":true}""")]
    [InlineData("""{"event_id":"event_a","Type":"session.finish"}""")]
    public void Missing_type_is_rejected_as_missing_required_parameter(string frame)
    {
        var reject = AssertReject(Read(frame), ErrorCodes.MissingRequiredParameter, "type");

        Assert.Equal("event_a", reject.EventId);
    }

    [Theory]
    [InlineData("response.create")]
    [InlineData("response.cancel")]
    [InlineData("conversation.item.create")]
    [InlineData("input_image_buffer.append")]
    [InlineData("transcription_session.update")]
    [InlineData("session.finished")]
    [InlineData("Session.Update")]
    [InlineData("")]
    public void Unknown_type_is_rejected_as_invalid_event(string type)
    {
        var reject = AssertReject(Read($$"""{"event_id":"event_a","type":"{{type}}"}"""), ErrorCodes.InvalidEvent, "type");

        Assert.Equal("event_a", reject.EventId);
        Assert.Contains($"'{type}'", reject.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sdk_response_create_is_rejected_as_invalid_event()
    {
        var reject = AssertReject(
            Read("""{"event_id":"event_a","type":"response.create","response":{"instructions":"","modalities":["text"]}}"""),
            ErrorCodes.InvalidEvent,
            "type");

        Assert.Equal("event_a", reject.EventId);
    }

    [Fact]
    public void Append_without_audio_is_rejected_as_missing_required_parameter()
    {
        var reject = AssertReject(Read("""{"event_id":"event_a","type":"input_audio_buffer.append"}"""), ErrorCodes.MissingRequiredParameter, "audio");

        Assert.Equal("event_a", reject.EventId);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[\"AQID\"]")]
    [InlineData("{\"data\":\"AQID\"}")]
    public void Audio_that_is_not_a_string_is_rejected_as_invalid_value(string audio)
    {
        var reject = AssertReject(
            Read($$"""{"type":"input_audio_buffer.append","audio":{{audio}},"event_id":"event_a"}"""),
            ErrorCodes.InvalidValue,
            "audio");

        Assert.Equal("event_a", reject.EventId);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AQI")]
    [InlineData("AQIDB")]
    [InlineData("@@@@")]
    [InlineData("AQ==AQ==")]
    [InlineData("AQI=D")]
    [InlineData("AQ-_")]
    [InlineData("data:audio/pcm;base64,AQID")]
    [InlineData("\\u0040\\u0040\\u0040\\u0040")]
    [InlineData("AQ\\u0049")]
    public void Bad_base64_is_rejected_as_invalid_base64(string audio)
    {
        var reject = AssertReject(
            Read($$"""{"event_id":"event_a","type":"input_audio_buffer.append","audio":"{{audio}}"}"""),
            ErrorCodes.InvalidBase64,
            "audio");

        Assert.Equal("event_a", reject.EventId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Audio_over_15_mib_of_base64_is_rejected_as_audio_too_large_with_the_event_id(bool eventIdFirst)
    {
        var audio = new string('A', InputAudioBufferAppendEvent.MaxAudioBase64Length + 4);
        var frame = eventIdFirst
            ? $$"""{"event_id":"event_big","type":"input_audio_buffer.append","audio":"{{audio}}"}"""
            : $$"""{"type":"input_audio_buffer.append","audio":"{{audio}}","event_id":"event_big"}""";

        var reject = AssertReject(Read(frame), ErrorCodes.AudioTooLarge, "audio");

        Assert.Equal("event_big", reject.EventId);
        Assert.Contains("15 MiB", reject.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_audio_over_15_mib_of_base64_is_rejected_as_audio_too_large()
    {
        var audio = "\\/\\/\\/\\/" + new string('A', InputAudioBufferAppendEvent.MaxAudioBase64Length);

        var command = Read($$"""{"event_id":"event_big","type":"input_audio_buffer.append","audio":"{{audio}}"}""");

        (command as AppendAudio)?.Release();
        var reject = AssertReject(command, ErrorCodes.AudioTooLarge, "audio");
        Assert.Equal("event_big", reject.EventId);
    }

    [Theory]
    [InlineData("""{"event_id":"event_a","type":"session.update"}""")]
    [InlineData("""{"event_id":"event_a","type":"session.update","config":{"sample_rate":8000}}""")]
    public void Session_update_without_session_is_rejected_as_missing_required_parameter(string frame)
    {
        var reject = AssertReject(Read(frame), ErrorCodes.MissingRequiredParameter, "session");

        Assert.Equal("event_a", reject.EventId);
    }

    // ---- strings that are not text (escaped unpaired surrogates) ----

    public static TheoryData<string> BadText => [.. BadJsonText.Escapes];

    [Theory]
    [MemberData(nameof(BadText))]
    public void Event_id_that_is_not_text_is_refused_without_being_echoed(string bad)
    {
        foreach (var type in new[] { "session.finish", "input_audio_buffer.commit", "no.such.type", "\\udc00" })
        {
            var reject = AssertReject(Read($$"""{"event_id":"{{bad}}","type":"{{type}}"}"""), ErrorCodes.InvalidValue, "event_id");

            Assert.Null(reject.EventId);
            Assert.True(BadJsonText.IsValidText(reject.Message));
        }

        // Before or after the audio, whose buffer goes back to the pool.
        AssertReject(Read($$"""{"type":"input_audio_buffer.append","audio":"AQID","event_id":"{{bad}}"}"""), ErrorCodes.InvalidValue, "event_id");
        AssertReject(Read($$"""{"event_id":"{{bad}}","type":"input_audio_buffer.append","audio":"AQID"}"""), ErrorCodes.InvalidValue, "event_id");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public void Type_that_is_not_text_is_refused_as_invalid_value(string bad)
    {
        var reject = AssertReject(Read($$"""{"event_id":"event_a","type":"{{bad}}"}"""), ErrorCodes.InvalidValue, "type");

        Assert.Equal("event_a", reject.EventId);
        Assert.True(BadJsonText.IsValidText(reject.Message));
        AssertReject(Read($$"""{"type":"session.{{bad}}finish","event_id":"event_a"}"""), ErrorCodes.InvalidValue, "type");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public void Audio_that_is_not_text_is_not_base64(string bad)
    {
        var reject = AssertReject(Read(AppendFrame("AQID" + bad)), ErrorCodes.InvalidBase64, "audio");

        Assert.Equal("event_a", reject.EventId);
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public void Property_names_that_are_not_text_match_no_field(string bad)
    {
        var finish = Read($$"""{"{{bad}}":1,"type{{bad}}":"x","type":"session.finish","event_id{{bad}}":"no","{{bad}}event_id":"no","event_id":"event_a"}""");
        Assert.IsType<FinishSession>(finish);
        Assert.Equal("event_a", finish.EventId);

        AssertReject(Read($$"""{"event_id":"event_a","type{{bad}}":"session.finish"}"""), ErrorCodes.MissingRequiredParameter, "type");
        AssertReject(Read($$"""{"event_id":"event_a","type":"input_audio_buffer.append","audio{{bad}}":"AQID"}"""), ErrorCodes.MissingRequiredParameter, "audio");
        AssertReject(Read($$$"""{"event_id":"event_a","type":"session.update","{{{bad}}}session":{}}"""), ErrorCodes.MissingRequiredParameter, "session");
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public void Session_strings_that_are_not_text_reach_the_merger_which_refuses_them(string bad)
    {
        var update = Assert.IsType<UpdateSession>(
            Read("""{"event_id":"event_a","type":"session.update","session":{"@@":"@@","input_audio_transcription":{"language":"@@"}}}""".Replace("@@", bad, StringComparison.Ordinal)));

        var error = SessionUpdateMerger.TryApply(SessionSettings.Default, update.Session, out _);

        Assert.Equal("event_a", update.EventId);
        Assert.Equal("session.input_audio_transcription.language", error?.Param);
        Assert.Equal(ErrorCodes.InvalidValue, error?.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Raw_invalid_utf8_in_a_string_is_not_text_either(byte[] invalid)
    {
        byte[] frame = [.. """{"type":"session.finish","event_id":"a"""u8, .. invalid, .. "\"}"u8];

        var reject = AssertReject(ClientEventReader.Read(frame), ErrorCodes.InvalidValue, "event_id");
        Assert.Null(reject.EventId);
    }

    [Fact]
    public void Valid_escapes_in_strings_are_decoded()
    {
        foreach (var (json, text) in BadJsonText.GoodEscapes)
        {
            var finish = Assert.IsType<FinishSession>(Read($$"""{"event_id":"{{json}}","t\u0079pe":"session.\u0066inish"}"""));

            Assert.Equal(text, finish.EventId);
        }
    }

    [Fact]
    public void The_last_event_id_wins_even_over_one_that_is_not_text()
    {
        Assert.Equal("event_b", Read("""{"event_id":"\udc00","type":"session.finish","event_id":"event_b"}""").EventId);
        AssertReject(Read("""{"event_id":"event_b","type":"session.finish","event_id":"\udc00"}"""), ErrorCodes.InvalidValue, "event_id");
    }

    [Fact]
    public void Invalid_json_wins_over_an_event_id_that_is_not_text()
    {
        var reject = AssertReject(Read("""{"event_id":"\udc00","type":"session.finish"} x"""), ErrorCodes.InvalidJson, param: null);

        Assert.Null(reject.EventId);
    }

    [Fact]
    public void Reject_codes_are_distinct()
    {
        string[] codes =
        [
            Reject("not json").Code,
            Reject("""{"event_id":"e"}""").Code,
            Reject("""{"type":"response.create"}""").Code,
            Reject("""{"type":"input_audio_buffer.append","audio":5}""").Code,
            Reject("""{"type":"input_audio_buffer.append","audio":"@@@@"}""").Code,
            Reject(AppendFrame(new string('A', InputAudioBufferAppendEvent.MaxAudioBase64Length + 4))).Code,
        ];

        Assert.Equal(
            [ErrorCodes.InvalidJson, ErrorCodes.MissingRequiredParameter, ErrorCodes.InvalidEvent, ErrorCodes.InvalidValue,
             ErrorCodes.InvalidBase64, ErrorCodes.AudioTooLarge],
            codes);
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
    }

    private static SessionCommand Read(string frame) => ClientEventReader.Read(Encoding.UTF8.GetBytes(frame));

    private static RejectEvent Reject(string frame) => Assert.IsType<RejectEvent>(Read(frame));

    /// <summary>Reads an append and releases its pooled buffer after copying what the assertions need.</summary>
    private static AppendAudio ReadAppend(string frame)
    {
        var append = Assert.IsType<AppendAudio>(Read(frame));
        var copy = append.Audio.ToArray();
        append.Release();
        return new AppendAudio(append.EventId, copy, copy.Length);
    }

    private static string AppendFrame(string audio) =>
        $$"""{"event_id":"event_a","type":"input_audio_buffer.append","audio":"{{audio}}"}""";

    private static RejectEvent AssertReject(SessionCommand command, string code, string? param)
    {
        var reject = Assert.IsType<RejectEvent>(command);
        Assert.Equal(code, reject.Code);
        Assert.Equal(param, reject.Param);
        Assert.False(string.IsNullOrWhiteSpace(reject.Message));
        return reject;
    }
}
