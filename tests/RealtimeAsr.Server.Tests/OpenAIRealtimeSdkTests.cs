#pragma warning disable OPENAI002 // The realtime client of the OpenAI SDK is experimental.
using System.ClientModel;
using OpenAI.Realtime;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The official OpenAI .NET SDK (<c>OpenAI</c> 2.15.0), unchanged but for its endpoint, as a live client of
/// <c>/v1/realtime?intent=transcription</c>: real speech at 24 kHz, server VAD and Manual (commit) mode.
/// The SDK accepts <c>http://</c> endpoints (it connects with <c>ws://</c>), so no TLS is needed for it.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class OpenAIRealtimeSdkTests(ServerFixture server, ITestOutputHelper output)
{
    /// <summary>
    /// Bound on the WER of the five LibriVox clips through the OpenAI dialect: the Qwen endpoint's bound for the same
    /// recording (VadModeTests, measured 0.268 there), since the audio only takes a detour through 24 kHz.
    /// </summary>
    private const double LibriVoxWerBound = 0.45;

    private RealtimeClient Sdk() =>
        new(new ApiKeyCredential(ServerFixture.ApiKey), new RealtimeClientOptions { Endpoint = new Uri(server.HttpAddress, "/v1") });

    private static RealtimeTranscriptionSessionOptions Options(RealtimeTurnDetection? turnDetection)
    {
        var input = new RealtimeTranscriptionSessionInputAudioOptions
        {
            AudioFormat = new RealtimePcmAudioFormat(),
            AudioTranscriptionOptions = new RealtimeAudioTranscriptionOptions { Model = "gpt-4o-transcribe", Language = "en" },
        };
        if (turnDetection is null)
        {
            input.DisableTurnDetection();
        }
        else
        {
            input.TurnDetection = turnDetection;
        }

        return new RealtimeTranscriptionSessionOptions { AudioOptions = new RealtimeTranscriptionSessionAudioOptions { InputAudioOptions = input } };
    }

    /// <summary>16 kHz samples as the SDK's 24 kHz PCM (converted by sox, independently of the server's resampler).</summary>
    private static byte[] At24k(short[] samples16k) => TestAudio.ToBytes(TestAudio.ResampleWithSox(samples16k, 24000));

    [Fact]
    public async Task The_SDK_transcribes_LibriVox_speech_live_with_server_VAD_and_append_only_deltas()
    {
        var clips = TestAudio.LibriVoxClips();
        using var session = await Sdk().StartTranscriptionSessionAsync();
        await session.ConfigureTranscriptionSessionAsync(Options(new RealtimeServerVadTurnDetection
        {
            SilenceDuration = TimeSpan.FromMilliseconds(800),
        }));

        var audio = At24k(SpeechSamples.LibriVoxRecording());
        var sending = Task.Run(async () =>
        {
            // 100 ms chunks, as a live client sends them (not paced: the server takes audio faster than real time).
            for (var offset = 0; offset < audio.Length; offset += 4800)
            {
                await session.SendInputAudioAsync(BinaryData.FromBytes(audio.AsMemory(offset, Math.Min(4800, audio.Length - offset))));
            }
        });

        var updates = await ReceiveUntilCompletedAsync(session, clips.Count);
        await sending;

        var transcripts = Transcripts(updates);
        Assert.Equal(clips.Count, transcripts.Count);
        Assert.Single(updates.OfType<RealtimeServerUpdateSessionCreated>());
        Assert.Single(updates.OfType<RealtimeServerUpdateSessionUpdated>());
        Assert.Equal(clips.Count, updates.OfType<RealtimeServerUpdateInputAudioBufferSpeechStarted>().Count());
        Assert.Equal(clips.Count, updates.OfType<RealtimeServerUpdateInputAudioBufferCommitted>().Count());
        // Deltas carry confirmed text only and are never retracted: they add up to the transcript whenever the final
        // extends what was confirmed (the rest comes as a last delta); when the final pass rewrote confirmed words,
        // no delta follows and .completed's transcript is the item's text (docs/OPENAI.md).
        Assert.All(transcripts, t => Assert.True(t.Deltas == t.Transcript || !t.Transcript.StartsWith(t.Deltas, StringComparison.Ordinal),
            $"deltas '{t.Deltas}' are a prefix of '{t.Transcript}', but its rest was not sent"));
        Assert.DoesNotContain(updates.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionDelta>(), d => d.Delta.Length == 0);

        var reference = string.Join(" ", clips.Select(c => c.Transcript));
        var wer = WordErrorRate.Compute(reference, string.Join(" ", transcripts.Select(t => t.Transcript)));
        output.WriteLine($"LibriVox through the OpenAI SDK, server VAD: WER {wer:P1}\n{string.Join("\n", transcripts.Select(t => t.Transcript))}");
        Assert.True(wer < LibriVoxWerBound, $"WER {wer:P1}");
    }

    [Fact]
    public async Task The_SDK_in_Manual_mode_gets_one_transcript_per_commit()
    {
        var clips = TestAudio.LibriVoxClips().Take(2).ToList();
        using var session = await Sdk().StartTranscriptionSessionAsync();
        await session.ConfigureTranscriptionSessionAsync(Options(turnDetection: null));
        foreach (var clip in clips)
        {
            await session.SendInputAudioAsync(BinaryData.FromBytes(At24k(clip.Samples)));
            await session.CommitPendingAudioAsync();
        }

        var updates = await ReceiveUntilCompletedAsync(session, clips.Count);

        Assert.Empty(updates.OfType<RealtimeServerUpdateInputAudioBufferSpeechStarted>());
        var transcripts = Transcripts(updates);
        Assert.Equal(clips.Count, transcripts.Count);
        var committed = updates.OfType<RealtimeServerUpdateInputAudioBufferCommitted>().ToList();
        Assert.Equal(committed.Select(c => c.ItemId), transcripts.Select(t => t.ItemId));
        Assert.Equal(committed[0].ItemId, committed[1].PreviousItemId);
        for (var i = 0; i < clips.Count; i++)
        {
            Assert.Equal(transcripts[i].Transcript, transcripts[i].Deltas);
            var wer = WordErrorRate.Compute(clips[i].Transcript, transcripts[i].Transcript);
            output.WriteLine($"{clips[i].Name}: WER {wer:P1}: {transcripts[i].Transcript}");
            Assert.True(wer < LibriVoxWerBound, $"{clips[i].Name}: WER {wer:P1}");
        }
    }

    private static async Task<List<RealtimeServerUpdate>> ReceiveUntilCompletedAsync(RealtimeSessionClient session, int items)
    {
        var updates = new List<RealtimeServerUpdate>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var update in session.ReceiveUpdatesAsync(timeout.Token))
        {
            updates.Add(update);
            Assert.False(update is RealtimeServerUpdateError, update is RealtimeServerUpdateError e ? e.Error?.Message : null);
            if (updates.Count(u => u is RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted) == items)
            {
                break;
            }
        }

        return updates;
    }

    private static List<(string ItemId, string Deltas, string Transcript)> Transcripts(List<RealtimeServerUpdate> updates) =>
        updates.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>()
            .Select(c => (c.ItemId,
                string.Concat(updates.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionDelta>().Where(d => d.ItemId == c.ItemId).Select(d => d.Delta)),
                c.Transcript))
            .ToList();
}
