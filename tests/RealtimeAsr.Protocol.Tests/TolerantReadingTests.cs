using System.Text;
using System.Text.Json;

namespace RealtimeAsr.Protocol.Tests;

/// <summary>
/// <see cref="ProtocolSerializer.ReadServerEventTolerant"/>, the client's reading: numbers in the spellings other
/// producers use are accepted, a known event that still cannot be read is kept as an unknown event with its read error,
/// and writing stays strict. <see cref="ProtocolSerializer.ReadServerEvent"/> stays strict for conformance checks.
/// </summary>
public sealed class TolerantReadingTests
{
    [Theory]
    [InlineData("16000")]
    [InlineData("16000.0")]
    [InlineData("1.6e4")]
    [InlineData("\"16000\"")]
    [InlineData("\" 16000 \"")]
    [InlineData("\"16000.0\"")]
    public void An_integer_field_accepts_integral_floats_and_numeric_strings(string sampleRate)
    {
        var json = $$$"""{"event_id":"e","type":"session.updated","session":{"id":"s","sample_rate":{{{sampleRate}}}}}""";

        var updated = Assert.IsType<SessionUpdatedEvent>(ReadTolerant(json));

        Assert.Equal(16000, updated.Session.SampleRate);
    }

    [Fact]
    public void Long_and_double_fields_accept_numeric_strings()
    {
        var started = Assert.IsType<SpeechStartedEvent>(ReadTolerant("""{"type":"input_audio_buffer.speech_started","audio_start_ms":"64","item_id":"i"}"""));
        var updated = Assert.IsType<SessionUpdatedEvent>(ReadTolerant("""{"type":"session.updated","session":{"turn_detection":{"type":"server_vad","threshold":"0.5"}}}"""));

        Assert.Equal(64, started.AudioStartMs);
        Assert.Equal(0.5, updated.Session.TurnDetection!.Threshold);
    }

    [Theory]
    [InlineData("""{"event_id":"e","type":"input_audio_buffer.speech_started","audio_start_ms":64.5,"item_id":"i"}""")]
    [InlineData("""{"event_id":"e","type":"input_audio_buffer.speech_started","audio_start_ms":"sixty","item_id":"i"}""")]
    [InlineData("""{"event_id":"e","type":"session.updated","session":{"sample_rate":1e20}}""")]
    [InlineData("""{"event_id":"e","type":"conversation.item.input_audio_transcription.text","text":5}""")]
    [InlineData("""{"event_id":"e","type":"session.created","session":[]}""")]
    public void A_known_event_that_still_cannot_be_read_becomes_an_unknown_event_with_its_json_and_error(string json)
    {
        var unknown = Assert.IsType<UnknownServerEvent>(ReadTolerant(json));

        Assert.Equal(ProtocolSerializer.ReadType(Encoding.UTF8.GetBytes(json)), unknown.Type);
        Assert.Equal("e", unknown.EventId);
        Assert.NotNull(unknown.ReadError);
        Assert.Equal(JsonValueKind.Object, unknown.Json.ValueKind);
        Assert.Equal(json, unknown.Json.GetRawText());
    }

    [Fact]
    public void An_unknown_type_has_no_read_error()
    {
        var unknown = Assert.IsType<UnknownServerEvent>(ReadTolerant("""{"type":"x.y","a":1}"""));

        Assert.Null(unknown.ReadError);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"event_id":"e"}""")]
    [InlineData("""{"type":"session.finished","a":}""")]
    public void Text_that_is_not_an_event_still_throws(string text) =>
        Assert.ThrowsAny<JsonException>(() => ReadTolerant(text));

    [Fact]
    public void The_strict_reading_is_unchanged_and_writing_stays_strict()
    {
        Assert.ThrowsAny<JsonException>(() => ProtocolSerializer.ReadServerEvent(
            """{"type":"session.updated","session":{"sample_rate":16000.0}}"""u8));

        var updated = (SessionUpdatedEvent)ReadTolerant("""{"type":"session.updated","session":{"sample_rate":"16000"}}""");
        using var written = JsonDocument.Parse(ProtocolSerializer.ToJson(updated));

        Assert.Equal(JsonValueKind.Number, written.RootElement.GetProperty("session").GetProperty("sample_rate").ValueKind);
        Assert.Equal("16000", written.RootElement.GetProperty("session").GetProperty("sample_rate").GetRawText());
    }

    private static ServerEvent ReadTolerant(string json) => ProtocolSerializer.ReadServerEventTolerant(Encoding.UTF8.GetBytes(json));
}
