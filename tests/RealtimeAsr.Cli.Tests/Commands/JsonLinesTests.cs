using System.Text;
using System.Text.Json;
using RealtimeAsr.Cli.Output;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Tests.Commands;

public sealed class JsonLinesTests
{
    [Theory]
    [InlineData("{\n  \"event_id\": \"e1\",\n  \"type\": \"response.created\",\n  \"response\": { \"id\": \"r\" }\n}")]
    [InlineData("""{"event_id":"e2","type":"conversation.item.input_audio_transcription.text","item_id":"i","text":"a\nb","stash":"","extra":{"k":[1,2]}}""")]
    public void Every_event_becomes_one_line_of_json_keeping_unknown_parts(string json)
    {
        var line = JsonLinesOutput.ToJsonLine(ProtocolSerializer.ReadServerEvent(Encoding.UTF8.GetBytes(json)));

        Assert.DoesNotContain('\n', line);
        using var original = JsonDocument.Parse(json);
        using var written = JsonDocument.Parse(line);
        foreach (var property in original.RootElement.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(property.Value, written.RootElement.GetProperty(property.Name)), property.Name);
        }
    }
}
