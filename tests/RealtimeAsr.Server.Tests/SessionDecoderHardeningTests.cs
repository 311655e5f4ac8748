using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Decoders go to sessions that use them: a client that stops sending gives its decoder back (VAD: its utterance is
/// reported; Manual: its audio is kept and decoded again later, exactly), and a session waiting for a decoder still
/// answers its client and waits only so long. One decoder in the pool, so every test depends on it.
/// </summary>
[Collection(SessionHardeningTests.Name)]
public sealed class SessionDecoderHardeningTests
{
    private static readonly TimeSpan s_receive = TimeSpan.FromSeconds(30);

    private static string[] Settings(string idle = "00:00:01", string decoderWait = "00:01:00") =>
    [
        "--RealtimeAsr:PocketSphinx:MaxDecoders=1",
        $"--RealtimeAsr:Session:IdleUtteranceTimeout={idle}",
        $"--RealtimeAsr:Session:DecoderWaitTimeout={decoderWait}",
    ];

    [Fact]
    public async Task A_vad_client_that_goes_silent_mid_utterance_gets_its_result_and_frees_the_decoder()
    {
        await using var server = await SessionHardeningServer.StartAsync(Settings());
        var clip = TestAudio.LibriVoxClips()[3].Samples;
        await using var muted = await server.ConnectAsync();
        // Speech, then nothing at all: a microphone muted by the app, not silence.
        await muted.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. clip.AsSpan(0, clip.Length * 2 / 3)]));

        var events = await muted.ReceiveUntilAsync(EventTypes.ConversationItemCreated, s_receive);
        events = [.. events, .. await ReceiveItemEndAsync(muted)];

        Assert.Equal(
            [EventTypes.SpeechStarted, EventTypes.SpeechStopped, EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated],
            events.Select(e => e.Type).Where(type => type is not (EventTypes.SessionCreated or EventTypes.TranscriptionText)).Take(4));
        Assert.Contains(events, e => e.Type == EventTypes.TranscriptionCompleted);
        Assert.True(await Eventually.HoldsAsync(() => server.PocketSphinx.DecodersInUse == 0), "the muted session kept its decoder");

        // The next client gets the decoder.
        var other = TestAudio.LibriVoxClips()[1];
        await using var next = await server.ConnectAsync();
        await next.UpdateAsync("""{"turn_detection":null}""");
        await next.AppendChunkedAsync(TestAudio.ToBytes(other.Samples));
        await next.CommitAsync();
        var completed = await next.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);
        Assert.Contains("young man", ((TranscriptionCompletedEvent)completed[^1].Event).Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manual_client_that_goes_quiet_lets_others_transcribe_and_its_audio_is_decoded_exactly_later()
    {
        await using var server = await SessionHardeningServer.StartAsync(Settings());
        var quietClip = TestAudio.LibriVoxClips()[4].Samples;
        var otherClip = TestAudio.LibriVoxClips()[1].Samples;

        await using var quiet = await server.ConnectAsync();
        await quiet.UpdateAsync("""{"turn_detection":null}""");
        var half = quietClip.Length / 2;
        await quiet.AppendChunkedAsync(TestAudio.ToBytes(quietClip.AsSpan(0, half)));
        await quiet.ReceiveUntilAsync(EventTypes.SessionUpdated, s_receive);

        // The only decoder was taken by the quiet session's first audio; the other session needs it.
        await using var other = await server.ConnectAsync();
        await other.UpdateAsync("""{"turn_detection":null}""");
        await other.AppendChunkedAsync(TestAudio.ToBytes(otherClip));
        await other.CommitAsync();
        var otherDone = await other.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);

        // The quiet session resumes and commits: its whole buffer is decoded again from the start, as if never paused.
        await quiet.AppendChunkedAsync(TestAudio.ToBytes(quietClip.AsSpan(half)));
        await quiet.CommitAsync();
        var quietDone = await quiet.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);

        Assert.Equal(await DirectEngine.TranscribeAsync(server.PocketSphinx, otherClip), ((TranscriptionCompletedEvent)otherDone[^1].Event).Transcript);
        Assert.Equal(await DirectEngine.TranscribeAsync(server.PocketSphinx, quietClip), ((TranscriptionCompletedEvent)quietDone[^1].Event).Transcript);
    }

    [Fact]
    public async Task While_waiting_for_a_decoder_a_session_answers_clear_and_finish_and_gives_up_with_server_busy()
    {
        await using var server = await SessionHardeningServer.StartAsync(Settings(idle: "00:01:00", decoderWait: "00:00:02"));
        // The test holds the only decoder for the whole test.
        using var held = await server.PocketSphinx.StartAsync(new RecognitionOptions(), CancellationToken.None);
        var clip = TestAudio.LibriVoxClips()[3].Samples;

        await using var client = await server.ConnectAsync();
        await client.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. clip]));
        await client.ReceiveUntilAsync(EventTypes.SpeechStarted, s_receive);
        await client.SendJsonAsync("""{"event_id":"event_clear","type":"input_audio_buffer.clear"}""");
        await client.ReceiveUntilAsync(EventTypes.InputAudioBufferCleared, s_receive);

        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(clip));
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, s_receive);

        Assert.Equal(
            [EventTypes.SessionUpdated, EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated, EventTypes.TranscriptionFailed, EventTypes.SessionFinished],
            events.Select(e => e.Type).Where(type => type != EventTypes.SpeechStopped));
        var failed = events.Select(e => e.Event).OfType<TranscriptionFailedEvent>().Single();
        Assert.Equal(ErrorCodes.ServerBusy, failed.Error.Code);
        Assert.Equal(1, server.PocketSphinx.DecodersInUse);
    }

    /// <summary>Receives until the item's <c>completed</c> or <c>failed</c>.</summary>
    private static async Task<IReadOnlyList<RawRealtimeClient.ReceivedEvent>> ReceiveItemEndAsync(RawRealtimeClient client)
    {
        List<RawRealtimeClient.ReceivedEvent> events = [];
        while (events is [] || events[^1].Type is not (EventTypes.TranscriptionCompleted or EventTypes.TranscriptionFailed))
        {
            events.Add(await client.ReceiveAsync(s_receive));
        }

        return events;
    }
}
