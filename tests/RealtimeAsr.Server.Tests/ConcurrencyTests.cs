using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

[Collection(SharedServer.Name)]
public sealed class ConcurrencyTests(ServerFixture server)
{
    [Fact]
    public async Task Concurrent_sessions_each_get_their_own_transcript()
    {
        var clips = TestAudio.LibriVoxClips();
        var expected = new List<string>();
        foreach (var clip in clips)
        {
            expected.Add(await DirectEngine.TranscribeAsync(DirectEngine.Of(server), clip.Samples));
        }

        // All five at once, more sessions than cores and as many as the decoder pool: nothing mixes, nothing is lost.
        var transcripts = await Task.WhenAll(clips.Select(async clip =>
        {
            await using var client = await server.ConnectAsync();
            await client.UpdateAsync("""{"turn_detection":null}""");
            await client.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
            await client.CommitAsync();
            await client.FinishAsync();
            var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
            return events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().Single().Transcript;
        }));

        Assert.Equal(expected, transcripts);
    }
}
