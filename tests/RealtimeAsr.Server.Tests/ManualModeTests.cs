using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Manual mode (<c>turn_detection: null</c>) through a real socket.</summary>
[Collection(SharedServer.Name)]
public sealed class ManualModeTests(ServerFixture server)
{
    private const string ManualSession = """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""";

    [Fact]
    public async Task One_commit_gives_one_item_with_the_engines_own_transcript()
    {
        var clip = TestAudio.LibriVoxClips()[1];
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync(ManualSession);
        await client.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
        await client.CommitAsync();
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        Assert.DoesNotContain(events, e => e.Type is EventTypes.SpeechStarted or EventTypes.SpeechStopped);
        var item = Assert.Single(EventSequenceAssert.Utterances(events, serverVad: false));
        // The whole buffer is one utterance: exactly what the engine says about the same samples.
        Assert.Equal(await DirectEngine.TranscribeAsync(DirectEngine.Of(server), clip.Samples), item.Transcript);
        Assert.Equal(item.Transcript, item.Partials[^1].Text + item.Partials[^1].Stash);
    }

    [Fact]
    public async Task Several_commits_give_several_items_chained_by_previous_item_id()
    {
        var clips = TestAudio.LibriVoxClips().Take(3).ToList();
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync(ManualSession);
        foreach (var clip in clips)
        {
            await client.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
            await client.CommitAsync();
        }

        await client.FinishAsync();
        var items = EventSequenceAssert.Utterances(await client.ReceiveUntilAsync(EventTypes.SessionFinished), serverVad: false);

        // Each commit is the session's next utterance: the engine run as one session over the same clips in order.
        Assert.Equal(
            await DirectEngine.TranscribeSessionAsync(DirectEngine.Of(server), clips.Select(clip => clip.Samples)),
            items.Select(item => item.Transcript));
    }

    [Fact]
    public async Task Finish_with_uncommitted_audio_commits_it()
    {
        var clip = TestAudio.LibriVoxClips()[4];
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync(ManualSession);
        await client.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        var item = Assert.Single(EventSequenceAssert.Utterances(events, serverVad: false));
        Assert.Equal(await DirectEngine.TranscribeAsync(DirectEngine.Of(server), clip.Samples), item.Transcript);
    }

    [Fact]
    public async Task Finish_without_audio_sends_only_session_finished()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync(ManualSession);
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        Assert.Equal([EventTypes.SessionCreated, EventTypes.SessionUpdated, EventTypes.SessionFinished], events.Select(e => e.Type));
    }

    [Fact]
    public async Task Clear_drops_the_uncommitted_audio()
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync(ManualSession);
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[0].Samples));
        await client.SendJsonAsync("""{"event_id":"event_clear","type":"input_audio_buffer.clear"}""");
        await client.CommitAsync("event_empty_commit");
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        Assert.Equal(
            [EventTypes.SessionCreated, EventTypes.SessionUpdated, EventTypes.InputAudioBufferCleared, EventTypes.Error, EventTypes.SessionFinished],
            events.Select(e => e.Type));
        Assert.Equal(ErrorCodes.CommitEmpty, ((ErrorEvent)events[3].Event).Error.Code);
    }
}
