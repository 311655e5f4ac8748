using Microsoft.Extensions.AI;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>The SDK against the real server: real speech through real VAD and the real engine.</summary>
[Collection(RealServer.Name)]
public sealed class TranscriptionTests(ServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task Vad_mode_yields_partials_and_one_final_per_utterance()
    {
        var (pcm, reference) = Speech.Clips(2);

        var results = new List<TranscriptionResult>();
        await foreach (var result in RealServer.Client(server).TranscribeAsync(new MemoryStream(pcm), new TranscriptionSessionOptions { Language = "en" }))
        {
            results.Add(result);
        }

        var finals = results.Where(r => r.Kind == TranscriptionResultKind.Final).ToList();
        Assert.Equal(2, finals.Count);
        Assert.Equal(2, finals.Select(f => f.ItemId).Distinct().Count());
        foreach (var final in finals)
        {
            var partials = results.TakeWhile(r => r != final).Where(r => r.ItemId == final.ItemId && r.Kind == TranscriptionResultKind.Partial).ToList();
            Assert.NotEmpty(partials);
            Assert.Contains(partials, p => p.FullText.Length > 0);
        }

        var hypothesis = string.Join(" ", finals.Select(f => f.Text));
        var wer = WordErrorRate.Compute(reference, hypothesis);
        output.WriteLine($"reference:  {reference}\nhypothesis: {hypothesis}\nWER {wer:P1}");
        Assert.True(wer < Speech.WerBound, $"WER {wer:P1}");
    }

    [Fact]
    public async Task Manual_mode_yields_one_final_per_commit()
    {
        var first = Speech.Clip(0);
        var second = Speech.Clip(1);
        await using var session = await RealServer.Client(server).ConnectAsync(new TranscriptionSessionOptions { TurnDetection = null, Language = "en" });
        Assert.Null(session.Configuration!.TurnDetection);

        await session.AppendAudioAsync(new MemoryStream(first.Pcm));
        await session.CommitAsync();
        await session.AppendAudioAsync(new MemoryStream(second.Pcm));
        await session.CommitAsync();
        await session.FinishAsync();

        var events = await ReadUntilFinishedAsync(session);
        Assert.DoesNotContain(events, e => e is SpeechStartedEvent or ErrorEvent);
        Assert.Equal(2, events.OfType<InputAudioBufferCommittedEvent>().Count());
        var finals = events.OfType<TranscriptionCompletedEvent>().ToList();
        Assert.Equal(2, finals.Count);
        var hypothesis = string.Join(" ", finals.Select(f => f.Transcript));
        var wer = WordErrorRate.Compute(first.Reference + " " + second.Reference, hypothesis);
        output.WriteLine($"hypothesis: {hypothesis}\nWER {wer:P1}");
        Assert.True(wer < Speech.WerBound, $"WER {wer:P1}");
    }

    [Fact]
    public async Task Finish_waits_until_session_finished_which_follows_the_last_final()
    {
        // No trailing silence: the utterance is still open when finish is sent, so the server must finalise it first.
        var (pcm, _) = Speech.Clip(2);
        await using var session = await RealServer.Client(server).ConnectAsync();
        await session.AppendAudioAsync(new MemoryStream(pcm));

        await session.FinishAsync();

        Assert.True(session.IsFinished);
        var events = await ReadUntilFinishedAsync(session);
        Assert.IsType<SessionFinishedEvent>(events[^1]);
        var final = Assert.Single(events.OfType<TranscriptionCompletedEvent>());
        Assert.False(string.IsNullOrWhiteSpace(final.Transcript));
    }

    [Fact]
    public async Task The_speech_to_text_adapter_yields_partial_and_final_updates()
    {
        var (pcm, _) = Speech.Clips(1);
        using var speechToText = RealServer.Client(server).AsSpeechToTextClient();

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in speechToText.GetStreamingTextAsync(new MemoryStream(pcm), new SpeechToTextOptions { SpeechLanguage = "en-US" }))
        {
            updates.Add(update);
        }

        var kinds = updates.Select(u => u.Kind).ToList();
        Assert.Equal(SpeechToTextResponseUpdateKind.SessionOpen, kinds[0]);
        Assert.Equal(SpeechToTextResponseUpdateKind.SessionClose, kinds[^1]);
        Assert.Contains(SpeechToTextResponseUpdateKind.TextUpdating, kinds);
        var final = Assert.Single(updates, u => u.Kind == SpeechToTextResponseUpdateKind.TextUpdated);
        Assert.True(kinds.IndexOf(SpeechToTextResponseUpdateKind.TextUpdating) < kinds.IndexOf(SpeechToTextResponseUpdateKind.TextUpdated));
        Assert.False(string.IsNullOrWhiteSpace(final.Text));
        Assert.NotNull(final.StartTime);
        Assert.NotNull(final.EndTime);
        output.WriteLine($"final: {final.Text} ({final.StartTime} – {final.EndTime})");
    }

    private static async Task<List<ServerEvent>> ReadUntilFinishedAsync(RealtimeTranscriptionSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<ServerEvent>();
        await foreach (var serverEvent in session.ReadEventsAsync(timeout.Token))
        {
            events.Add(serverEvent);
            if (serverEvent is SessionFinishedEvent)
            {
                break;
            }
        }

        return events;
    }
}
