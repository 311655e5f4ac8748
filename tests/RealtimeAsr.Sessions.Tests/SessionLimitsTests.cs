using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>
/// <see cref="SessionLimits"/> in the session core, with a scripted engine and the real VAD: an idle or expired session
/// is told why and finished, long speech is cut into items without losing audio, and a Manual append that would
/// overflow the buffer is refused whole. The end-to-end tests, close codes included, are in the server's LimitsTests.
/// </summary>
public sealed class SessionLimitsTests
{
    private static readonly TimeSpan s_receive = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_idle_session_is_told_so_then_finished_with_its_utterance_in_progress_reported()
    {
        var options = Options(limits => limits.IdleTimeout = TimeSpan.FromMilliseconds(500));
        await using var session = new SessionHarness(new FakeRecognizer(decoders: 1), options);
        // Speech that the VAD hears start, then nothing: the utterance stays open until the session ends.
        await session.AppendAsync(TestAudio.LibriVoxClips()[1].Samples);

        var events = await session.UntilAsync(EventTypes.SessionFinished, s_receive);

        var error = Assert.Single(events.OfType<ErrorEvent>()).Error;
        Assert.Equal(ErrorTypes.InvalidRequest, error.Type);
        Assert.Equal(ErrorCodes.IdleTimeout, error.Code);
        Assert.Contains("0.5 seconds", error.Message, StringComparison.Ordinal);
        var types = events.Select(e => e.Type).Where(t => t != EventTypes.TranscriptionText).ToList();
        Assert.Equal(
            [EventTypes.SessionCreated, EventTypes.SpeechStarted, EventTypes.Error, EventTypes.SpeechStopped, EventTypes.InputAudioBufferCommitted,
                EventTypes.ConversationItemCreated, EventTypes.TranscriptionCompleted, EventTypes.SessionFinished],
            types);
        Assert.Equal(SessionEndReason.IdleTimeout, session.Session.EndReason);
    }

    [Fact]
    public async Task A_client_that_keeps_sending_is_not_idle()
    {
        var options = Options(limits => limits.IdleTimeout = TimeSpan.FromSeconds(2));
        await using var session = new SessionHarness(new FakeRecognizer(decoders: 1), options);
        // Silence for three times the timeout, 100 ms every 100 ms.
        for (var i = 0; i < 60; i++)
        {
            await session.AppendAsync(new short[1600]);
            await Task.Delay(100);
        }

        await session.PostAsync(new FinishSession("event_finish"));
        var events = await session.UntilAsync(EventTypes.SessionFinished, s_receive);

        Assert.DoesNotContain(events, e => e is ErrorEvent);
        Assert.Equal(SessionEndReason.Finished, session.Session.EndReason);
    }

    [Fact]
    public async Task A_session_past_its_maximum_duration_is_told_so_and_finished_however_busy_its_client_keeps_it()
    {
        var options = Options(limits => limits.MaxSessionDuration = TimeSpan.FromSeconds(1));
        await using var session = new SessionHarness(new FakeRecognizer(decoders: 1), options);
        var sending = Task.Run(async () =>
        {
            while (!session.Session.Finished.IsCompleted)
            {
                await session.AppendAsync(new short[1600]);
                await Task.Delay(50);
            }
        });

        var events = await session.UntilAsync(EventTypes.SessionFinished, s_receive);
        await sending.WaitAsync(s_receive);

        var error = Assert.Single(events.OfType<ErrorEvent>()).Error;
        Assert.Equal(ErrorCodes.SessionExpired, error.Code);
        Assert.Equal(EventTypes.SessionFinished, events[events.IndexOf(events.OfType<ErrorEvent>().Single()) + 1].Type);
        Assert.Equal(SessionEndReason.Expired, session.Session.EndReason);
    }

    [Fact]
    public async Task Long_speech_is_cut_into_items_that_meet_without_losing_or_repeating_audio()
    {
        var options = Options(limits => limits.MaxUtteranceDuration = TimeSpan.FromSeconds(3));
        var engine = new FakeRecognizer(decoders: 1);
        await using var session = new SessionHarness(engine, options);
        // About 25 s of read speech without added pauses, then silence.
        short[] audio = [.. TestAudio.LibriVoxClips().SelectMany(clip => clip.Samples), .. new short[32_000]];
        await session.AppendAsync(audio);
        await session.PostAsync(new FinishSession("event_finish"));

        var events = await session.UntilAsync(EventTypes.SessionFinished, s_receive);

        var started = events.OfType<SpeechStartedEvent>().ToList();
        var stopped = events.OfType<SpeechStoppedEvent>().ToList();
        var decoders = engine.Lent.ToList();
        Assert.Equal(started.Count, stopped.Count);
        Assert.Equal(started.Count, events.OfType<TranscriptionCompletedEvent>().Count());
        Assert.Equal(started.Count, decoders.Count);
        // At most one and a half times the limit, to the next 32 ms frame.
        Assert.All(started.Zip(stopped), item => Assert.InRange(item.Second.AudioEndMs - item.First.AudioStartMs, 1, 4500 + 32));

        var cuts = 0;
        for (var i = 1; i < started.Count; i++)
        {
            if (started[i].AudioStartMs != stopped[i - 1].AudioEndMs)
            {
                continue;
            }

            // A cut: the earlier item's audio ends exactly there and the next one's begins there.
            cuts++;
            var cut = (int)(started[i].AudioStartMs * 16);
            var before = decoders[i - 1].Samples;
            var after = decoders[i].Samples;
            Assert.Equal(audio.AsSpan(cut - before.Count, before.Count).ToArray(), before.ToArray());
            Assert.Equal(audio.AsSpan(cut, after.Count).ToArray(), after.ToArray());
        }

        Assert.True(cuts >= 2, $"{cuts} cuts in {started.Count} items");
    }

    [Fact]
    public async Task A_manual_append_that_would_overflow_the_buffer_is_refused_whole_and_what_was_buffered_is_committed()
    {
        // Appends are decoded 1 s at a time: the refused one overflows only in its second piece.
        var options = Options(limits => limits.MaxManualBufferDuration = TimeSpan.FromSeconds(2));
        options.WorkSliceMs = 1000;
        var engine = new FakeRecognizer(decoders: 1);
        await using var session = new SessionHarness(engine, options);
        await session.ManualModeAsync();
        var first = SessionHarness.Numbered(8_000);
        var refused = SessionHarness.Numbered(32_000, first: 10_000);
        var last = SessionHarness.Numbered(24_000, first: 20_000);

        await session.AppendAsync(first, "event_first");
        await session.AppendAsync(refused, "event_refused");
        await session.AppendAsync(last, "event_last");
        await session.PostAsync(new CommitBuffer("event_commit"));
        var events = await session.UntilAsync(EventTypes.TranscriptionCompleted, s_receive);

        var error = Assert.Single(events.OfType<ErrorEvent>()).Error;
        Assert.Equal(ErrorCodes.InputAudioBufferFull, error.Code);
        Assert.Equal("event_refused", error.EventId);
        Assert.Equal("audio", error.Param);
        Assert.Contains("2 seconds", error.Message, StringComparison.Ordinal);
        Assert.Equal("heard 32000", ((TranscriptionCompletedEvent)events[^1]).Transcript);
        Assert.Equal([.. first, .. last], engine.Lent.ToArray()[^1].Samples);

        // The session goes on: the next buffer starts empty.
        await session.AppendAsync(refused);
        await session.PostAsync(new CommitBuffer("event_commit_2"));
        events = await session.UntilAsync(EventTypes.TranscriptionCompleted, s_receive);
        Assert.Equal("heard 32000", ((TranscriptionCompletedEvent)events[^1]).Transcript);
    }

    /// <summary>Harness options with no limits but the ones a test sets.</summary>
    private static RealtimeSessionOptions Options(Action<SessionLimits> set)
    {
        var options = SessionHarness.Options();
        options.Limits = new SessionLimits
        {
            IdleTimeout = Timeout.InfiniteTimeSpan,
            MaxSessionDuration = Timeout.InfiniteTimeSpan,
            MaxUtteranceDuration = Timeout.InfiniteTimeSpan,
            MaxManualBufferDuration = Timeout.InfiniteTimeSpan,
        };
        set(options.Limits);
        return options;
    }
}
