using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Loading a decoder never blocks a running session: through the real server, a decoder load is held open (the engine's
/// loader waits at a gate the test controls) while a session that has its decoder goes on.
/// </summary>
[Collection(SessionHardeningTests.Name)]
public sealed class SessionDecoderLoadingTests
{
    private static readonly TimeSpan s_receive = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_session_with_a_decoder_gets_partials_and_finals_while_another_decoder_loads()
    {
        using var loadHeld = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var loads = 0;
        // The first load (at start-up) goes through; every later one waits for the gate.
        void Loading()
        {
            if (Interlocked.Increment(ref loads) > 1)
            {
                loadHeld.Set();
                gate.Wait(TimeSpan.FromMinutes(2));
            }
        }

        try
        {
            await using var server = await SessionHardeningServer.StartAsync(
                ["--RealtimeAsr:PocketSphinx:MaxDecoders=2", "--RealtimeAsr:Session:IdleUtteranceTimeout=00:10:00"], decoderLoading: Loading);
            // The warm-up lent the first decoder, so the spare's load began, and the gate holds it.
            Assert.True(loadHeld.Wait(s_receive), "no second decoder started loading");
            Assert.Equal(1, server.PocketSphinx.LoadedDecoders);
            var speech = TestAudio.LibriVoxClips()[3].Samples;
            var trailing = TestAudio.Silence(1500);

            // A session takes the loaded decoder: partials and its final come while the load is held.
            await using var running = await server.ConnectAsync();
            await running.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. speech, .. trailing]));
            var first = await running.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);
            Assert.Contains(first, e => e.Event is TranscriptionTextEvent { Text.Length: > 0 });
            Assert.NotEqual("", ((TranscriptionCompletedEvent)first[^1].Event).Transcript);
            Assert.False(gate.IsSet);
            Assert.Equal(1, server.PocketSphinx.LoadedDecoders);

            // It speaks again and keeps the decoder (it stops mid-utterance); a second speaker waits for the held load.
            await running.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. speech.AsSpan(0, speech.Length / 3)]));
            await running.ReceiveUntilAsync(EventTypes.SpeechStarted, s_receive);
            await using var waiting = await server.ConnectAsync();
            var other = TestAudio.LibriVoxClips()[1].Samples;
            await waiting.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. other, .. trailing]));
            Assert.True(await Eventually.HoldsAsync(() => server.PocketSphinx.WaitingForDecoder == 1), "the second speaker did not wait for the load");
            Assert.Equal(1, server.PocketSphinx.DecodersInUse);

            // The load ends: the second speaker gets the new decoder and its transcript, while the first still holds its own.
            gate.Set();
            var second = await waiting.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);
            Assert.Contains("young man", ((TranscriptionCompletedEvent)second[^1].Event).Transcript, StringComparison.Ordinal);
            Assert.Equal(2, server.PocketSphinx.LoadedDecoders);

            await running.AppendChunkedAsync(TestAudio.ToBytes([.. speech.AsSpan(speech.Length / 3), .. trailing]));
            var resumed = await running.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, s_receive);
            Assert.NotEqual("", ((TranscriptionCompletedEvent)resumed[^1].Event).Transcript);
        }
        finally
        {
            gate.Set();
        }
    }
}
