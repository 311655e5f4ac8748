using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Heavy engine work stays in bounded pieces: a large append reaches the engine a second at a time, interleaved with
/// other sessions' audio, and dropping an utterance (clear, disconnect) runs no decoding where it is dropped.
/// </summary>
[Collection(SessionHardeningTests.Name)]
public sealed class SessionWorkHardeningTests
{
    private static readonly TimeSpan s_receive = TimeSpan.FromSeconds(60);

    // No idle release during these tests: what they watch is what clear and disconnect do.
    private static readonly string[] s_oneDecoder = ["--RealtimeAsr:PocketSphinx:MaxDecoders=1", "--RealtimeAsr:Session:IdleUtteranceTimeout=00:10:00"];

    [Fact]
    public async Task A_large_append_is_decoded_a_second_at_a_time_while_another_session_streams()
    {
        // One worker slot for everyone: without slicing, the large append would hold it for its whole decoding.
        await using var server = await SessionHardeningServer.StartAsync(
            ["--RealtimeAsr:RecognitionWorkers=1", "--RealtimeAsr:PocketSphinx:MaxDecoders=2", "--RealtimeAsr:Session:WorkSliceMs=1000"]);
        var large = TestAudio.LibriVoxClips().SelectMany(clip => clip.Samples).ToArray();
        var streamed = TestAudio.LibriVoxClips()[1].Samples;

        await using var bulk = await server.ConnectAsync();
        await using var live = await server.ConnectAsync();
        await bulk.UpdateAsync("""{"turn_detection":null}""");
        await live.UpdateAsync("""{"turn_detection":null}""");
        await bulk.ReceiveUntilAsync(EventTypes.SessionUpdated, s_receive);
        await live.ReceiveUntilAsync(EventTypes.SessionUpdated, s_receive);

        await bulk.AppendAsync(TestAudio.ToBytes(large));
        await bulk.CommitAsync();
        // The live session starts once the bulk one is being decoded.
        Assert.True(await Eventually.HoldsAsync(() => !server.Engine.Accepts.IsEmpty), "the large append was never decoded");
        await live.AppendChunkedAsync(TestAudio.ToBytes(streamed));
        await live.CommitAsync();

        var liveDone = await live.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);
        var bulkDone = await bulk.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);

        var accepts = server.Engine.Accepts.ToArray();
        Assert.All(accepts, accept => Assert.InRange(accept.Samples, 1, RecognitionAudio.SampleRate));
        var bulkSession = accepts[0].Session;
        var bulkCalls = accepts.Select((accept, index) => (accept, index)).Where(call => call.accept.Session == bulkSession).Select(call => call.index).ToList();
        Assert.Equal(large.Length, accepts.Where(accept => accept.Session == bulkSession).Sum(accept => accept.Samples));
        Assert.Contains(accepts[bulkCalls[0]..bulkCalls[^1]], accept => accept.Session != bulkSession);

        // Slicing changes nothing in what is recognised.
        Assert.Equal(await DirectEngine.TranscribeAsync(server.PocketSphinx, large), ((TranscriptionCompletedEvent)bulkDone[^1].Event).Transcript);
        Assert.Equal(await DirectEngine.TranscribeAsync(server.PocketSphinx, streamed), ((TranscriptionCompletedEvent)liveDone[^1].Event).Transcript);
    }

    [Fact]
    public async Task Clearing_a_long_utterance_frees_its_decoder_instead_of_decoding_it()
    {
        await using var server = await SessionHardeningServer.StartAsync(s_oneDecoder);
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(LongSpeech()));
        await client.SendJsonAsync("""{"event_id":"event_clear","type":"input_audio_buffer.clear"}""");
        await client.ReceiveUntilAsync(EventTypes.InputAudioBufferCleared, s_receive);

        // Freed, not ended: its final pass (about 8 % of the audio's length) is never run.
        Assert.Equal(0, server.PocketSphinx.DecodersInUse);
        Assert.Equal(0, server.PocketSphinx.LoadedDecoders);
    }

    [Fact]
    public async Task A_client_leaving_during_a_long_utterance_frees_its_decoder_instead_of_decoding_it()
    {
        await using var server = await SessionHardeningServer.StartAsync(s_oneDecoder);
        var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(LongSpeech()));
        // Handled in order: once this is answered, the appends before it have been decoded.
        await client.UpdateAsync("""{"turn_detection":null}""", "event_sync");
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated, s_receive);
        await client.ReceiveUntilAsync(EventTypes.SessionUpdated, s_receive);
        Assert.Equal(1, server.PocketSphinx.DecodersInUse);

        await client.DisposeAsync();

        Assert.True(await Eventually.HoldsAsync(() => server.PocketSphinx.LoadedDecoders == 0 && server.PocketSphinx.DecodersInUse == 0),
            "the decoder of the dropped utterance was kept");
    }

    [Fact]
    public async Task After_a_short_utterance_is_cleared_the_next_one_on_the_same_decoder_is_recognised_as_on_a_fresh_one()
    {
        await using var server = await SessionHardeningServer.StartAsync(s_oneDecoder);
        var target = TestAudio.LibriVoxClips()[1].Samples;
        var expected = await DirectEngine.TranscribeAsync(server.PocketSphinx, target);

        await using (var clearing = await server.ConnectAsync())
        {
            await clearing.UpdateAsync("""{"turn_detection":null}""");
            await clearing.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[0].Samples.AsSpan(0, 2 * RecognitionAudio.SampleRate)));
            await clearing.SendJsonAsync("""{"event_id":"event_clear","type":"input_audio_buffer.clear"}""");
            await clearing.ReceiveUntilAsync(EventTypes.InputAudioBufferCleared, s_receive);
        }

        // The decoder went back with the cleared utterance still open, and stays loaded.
        Assert.Equal(1, server.PocketSphinx.LoadedDecoders);
        await using var next = await server.ConnectAsync();
        await next.UpdateAsync("""{"turn_detection":null}""");
        await next.AppendChunkedAsync(TestAudio.ToBytes(target));
        await next.CommitAsync();
        var done = await next.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);

        Assert.Equal(expected, ((TranscriptionCompletedEvent)done[^1].Event).Transcript);
        Assert.Equal(1, server.PocketSphinx.LoadedDecoders);
    }

    /// <summary>About 8 s of speech: longer than the 5 s up to which a dropped utterance is left for the next user to end.</summary>
    private static short[] LongSpeech() => TestAudio.LibriVoxClips().SelectMany(clip => clip.Samples).Take(8 * RecognitionAudio.SampleRate).ToArray();
}
