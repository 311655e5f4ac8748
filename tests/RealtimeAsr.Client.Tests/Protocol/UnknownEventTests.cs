using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Protocol;

/// <summary>Unknown event types and unknown fields are surfaced, never thrown on.</summary>
public sealed class UnknownEventTests
{
    [Fact]
    public void An_unknown_type_becomes_an_unknown_event_with_its_json()
    {
        var serverEvent = Read("""{"event_id":"event_9","type":"response.created","response":{"id":"resp_1"}}""");

        var unknown = Assert.IsType<UnknownServerEvent>(serverEvent);
        Assert.Equal("response.created", unknown.Type);
        Assert.Equal("event_9", unknown.EventId);
        Assert.Equal("resp_1", unknown.Json.GetProperty("response").GetProperty("id").GetString());
        Assert.Null(TranscriptionResult.FromEvent(unknown));
    }

    [Fact]
    public void Unknown_fields_of_a_known_event_are_kept()
    {
        var serverEvent = Read("""
            {"event_id":"event_1","type":"conversation.item.input_audio_transcription.completed","item_id":"item_1",
             "content_index":0,"language":"en","emotion":"happy","transcript":"hello","usage":{"seconds":1.5},"words":[]}
            """);

        var completed = Assert.IsType<TranscriptionCompletedEvent>(serverEvent);
        Assert.Equal("hello", completed.Transcript);
        Assert.NotNull(completed.ExtensionData);
        Assert.Equal(1.5, completed.ExtensionData["usage"].GetProperty("seconds").GetDouble());
        Assert.True(completed.ExtensionData.ContainsKey("words"));
        Assert.Contains("\"usage\"", ProtocolSerializer.ToJson(completed), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_optional_fields_take_defaults()
    {
        var partial = Assert.IsType<TranscriptionTextEvent>(Read("""{"type":"conversation.item.input_audio_transcription.text","item_id":"i","text":"a"}"""));

        Assert.Equal("a", partial.Text);
        Assert.Equal("", partial.Stash);
        Assert.Equal("", partial.EventId);
        Assert.Equal("a", TranscriptionResult.FromEvent(partial)!.FullText);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"event_id":"e"}""")]
    [InlineData("""{"type":42}""")]
    public void Text_that_is_not_an_event_is_a_json_error(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));

    private static ServerEvent Read(string json) => ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(json));
}
