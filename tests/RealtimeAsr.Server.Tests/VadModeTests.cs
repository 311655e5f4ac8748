using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

[Collection(SharedServer.Name)]
public sealed class VadModeTests(ServerFixture server)
{
    [Fact]
    public async Task Spoken_sentences_become_one_item_each_with_the_documented_event_sequence()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":{"type":"server_vad","threshold":0.2,"silence_duration_ms":800}}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(SpeechSamples.SpokenSentences()));
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        var items = EventSequenceAssert.Utterances(events, serverVad: true);
        Assert.Equal(SpeechSamples.Sentences.Length, items.Count);
        foreach (var item in items)
        {
            Assert.True(item.Partials.Count > 0);
            Assert.True(item.IndexOf(EventTypes.TranscriptionText) < item.IndexOf(EventTypes.SpeechStopped), "no partial before speech_stopped");
        }

    }
}
