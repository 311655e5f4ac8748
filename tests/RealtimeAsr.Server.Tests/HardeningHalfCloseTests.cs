using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A WebSocket peer may go on reading after it sent its close frame (a half-close): a <c>session.finish</c> accepted
/// before the close is answered in full before the server completes the close; a close without one still drops.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class HardeningHalfCloseTests(ServerFixture server)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_finish_followed_at_once_by_the_clients_close_is_answered_before_the_close(bool serverVad)
    {
        await using var client = await server.ConnectAsync();
        if (!serverVad)
        {
            await client.UpdateAsync("""{"turn_detection":null}""");
        }

        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));
        await client.FinishAsync();
        await client.CloseOutputAsync();
        var events = await client.ReceiveUntilCloseAsync();

        Assert.Equal(EventTypes.SessionFinished, events[^1].Type);
        var completed = Assert.Single(events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>());
        Assert.Contains("young man", completed.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.Error);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task A_close_without_finish_drops_the_utterance_and_closes()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));
        await client.CloseOutputAsync();
        var events = await client.ReceiveUntilCloseAsync();

        // The client left: what it had queued is dropped, the utterance is never committed.
        Assert.DoesNotContain(events, e => e.Type is EventTypes.InputAudioBufferCommitted or EventTypes.TranscriptionCompleted or EventTypes.SessionFinished);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.True(await DirectEngine.AllDecodersReturnedAsync(server, TimeSpan.FromSeconds(30)));
    }
}
