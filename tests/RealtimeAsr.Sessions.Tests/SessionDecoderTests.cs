using Microsoft.Extensions.Logging;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>
/// How a session holds engine decoders: it waits for one in the background and only so long, gives it back when its
/// client stops sending, feeds audio in bounded slices, and its log stays bounded whatever the client sends.
/// A scripted engine stands in for PocketSphinx; the end-to-end tests are in the server tests (Session*HardeningTests).
/// </summary>
public sealed class SessionDecoderTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(null, ErrorCodes.RecognitionFailed, "The recognizer failed on this audio; it was not transcribed.", LogLevel.Error, 10)]
    [InlineData(ErrorCodes.BackendTimeout, ErrorCodes.BackendTimeout, "The backend did not answer within 00:00:05.", LogLevel.Warning, 12)]
    public async Task An_engine_failure_fails_that_item_and_the_session_goes_on(
        string? backendCode, string code, string message, LogLevel level, int logEvent)
    {
        // An engine's own failure is recognition_failed; a remote backend's failure keeps its code and message.
        var engine = new FakeRecognizer(decoders: 1) { FailingCompletions = 1 };
        if (backendCode is not null)
        {
            engine.CompletionFailure = () => new RecognitionFailedException(backendCode, message);
        }

        await using var session = new SessionHarness(engine, SessionHarness.Options());
        await session.ManualModeAsync();
        await session.AppendAsync(SessionHarness.Numbered(1600));
        await session.PostAsync(new CommitBuffer("event_commit"));
        await session.AppendAsync(SessionHarness.Numbered(3200));
        await session.PostAsync(new CommitBuffer("event_commit_2"));
        await session.PostAsync(new FinishSession("event_finish"));

        var events = await session.UntilAsync(EventTypes.SessionFinished);

        var failed = Assert.Single(events.OfType<TranscriptionFailedEvent>());
        Assert.Equal(code, failed.Error.Code);
        Assert.Equal(message, failed.Error.Message);
        var completed = Assert.Single(events.OfType<TranscriptionCompletedEvent>());
        Assert.Equal("heard 3200", completed.Transcript);
        Assert.NotEqual(failed.ItemId, completed.ItemId);
        Assert.DoesNotContain(events, e => e is ErrorEvent);
        Assert.Contains(session.Logs, l => l.Level == level && l.EventId == logEvent);
        Assert.Equal(1, engine.Free);
    }

    [Fact]
    public async Task Clear_and_finish_are_answered_while_the_utterance_waits_for_a_decoder()
    {
        var engine = new FakeRecognizer(decoders: 0);
        await using var session = new SessionHarness(engine, SessionHarness.Options());
        await session.ManualModeAsync();
        await session.AppendAsync(SessionHarness.Numbered(1600));
        await session.PostAsync(new ClearBuffer("event_clear"));

        var events = await session.UntilAsync(EventTypes.InputAudioBufferCleared);
        Assert.True(await Eventually.HoldsAsync(() => engine.Waiting == 0), "the cleared utterance still waits for a decoder");

        await session.AppendAsync(SessionHarness.Numbered(1600));
        await session.PostAsync(new FinishSession("event_finish"));
        engine.AddDecoder();
        events = await session.UntilAsync(EventTypes.SessionFinished);
        Assert.Equal("heard 1600", Assert.Single(events.OfType<TranscriptionCompletedEvent>()).Transcript);
    }

    [Fact]
    public async Task An_utterance_waiting_on_a_stuck_pool_fails_with_server_busy_and_the_session_goes_on()
    {
        var engine = new FakeRecognizer(decoders: 0);
        await using var session = new SessionHarness(engine, SessionHarness.Options(decoderWait: s_short));
        await session.ManualModeAsync();
        await session.AppendAsync(SessionHarness.Numbered(1600));
        await session.PostAsync(new CommitBuffer("event_commit"));

        var events = await session.UntilAsync(EventTypes.TranscriptionFailed);
        Assert.Equal(
            [EventTypes.SessionCreated, EventTypes.SessionUpdated, EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated, EventTypes.TranscriptionFailed],
            events.Select(e => e.Type));
        var failed = (TranscriptionFailedEvent)events[^1];
        Assert.Equal(ErrorCodes.ServerBusy, failed.Error.Code);
        Assert.Equal(((InputAudioBufferCommittedEvent)events[2]).ItemId, failed.ItemId);
        Assert.Equal(0, engine.Waiting);

        engine.AddDecoder();
        await session.AppendAsync(SessionHarness.Numbered(3200));
        await session.PostAsync(new CommitBuffer("event_commit_2"));
        events = await session.UntilAsync(EventTypes.TranscriptionCompleted);
        Assert.Equal("heard 3200", ((TranscriptionCompletedEvent)events[^1]).Transcript);
    }

    [Fact]
    public async Task An_utterance_keeps_its_place_while_other_sessions_give_decoders_back()
    {
        var engine = new FakeRecognizer(decoders: 0);
        await using var session = new SessionHarness(engine, SessionHarness.Options(decoderWait: TimeSpan.FromSeconds(2)));
        await session.ManualModeAsync();
        await session.AppendAsync(SessionHarness.Numbered(1600));
        await session.PostAsync(new CommitBuffer("event_commit"));

        // Decoders keep coming free elsewhere (each taken by someone ahead in the queue) for twice the patience.
        for (var i = 0; i < 40; i++)
        {
            session.Workers.OnDecoderReturned();
            await Task.Delay(100);
        }

        Assert.Equal(1, engine.Waiting);
        engine.AddDecoder();
        var events = await session.UntilAsync(EventTypes.TranscriptionCompleted);
        Assert.Equal("heard 1600", ((TranscriptionCompletedEvent)events[^1]).Transcript);
    }

    [Fact]
    public async Task A_manual_utterance_whose_client_goes_quiet_gives_its_decoder_back_and_is_decoded_again_from_its_start()
    {
        var engine = new FakeRecognizer(decoders: 1);
        await using var session = new SessionHarness(engine, SessionHarness.Options(idle: s_short));
        await session.ManualModeAsync();
        var first = SessionHarness.Numbered(1600);
        await session.AppendAsync(first);

        Assert.True(await Eventually.HoldsAsync(() => engine.Lent.TryPeek(out var lent) && lent.Abandoned), "the idle utterance kept its decoder");
        Assert.Equal(1, engine.Free);

        var second = SessionHarness.Numbered(3200, first: 5000);
        await session.AppendAsync(second);
        await session.PostAsync(new CommitBuffer("event_commit"));
        var events = await session.UntilAsync(EventTypes.TranscriptionCompleted);

        Assert.Equal("heard 4800", ((TranscriptionCompletedEvent)events[^1]).Transcript);
        var replay = engine.Lent.ToArray()[^1];
        Assert.Equal([.. first, .. second], replay.Samples);
    }

    [Fact]
    public async Task A_client_sending_slower_than_real_time_does_not_keep_its_decoder()
    {
        var engine = new FakeRecognizer(decoders: 1);
        await using var session = new SessionHarness(engine, SessionHarness.Options(idle: TimeSpan.FromMilliseconds(500)));
        await session.ManualModeAsync();

        // 10 ms of audio every 50 ms or so: a fifth of real time, a decoder held for nothing most of the time.
        var released = false;
        for (var i = 0; i < 400 && !released; i++)
        {
            await session.AppendAsync(SessionHarness.Numbered(160, first: i * 160));
            await Task.Delay(50);
            released = engine.Lent.TryPeek(out var lent) && lent.Abandoned;
        }

        Assert.True(released, "a trickle of audio kept the decoder");
    }

    [Fact]
    public async Task A_large_append_reaches_the_engine_in_slices_of_at_most_WorkSliceMs()
    {
        var engine = new FakeRecognizer(decoders: 1);
        var options = SessionHarness.Options();
        options.WorkSliceMs = 1000;
        await using var session = new SessionHarness(engine, options);
        await session.ManualModeAsync();
        var audio = SessionHarness.Numbered(88_000);
        await session.AppendAsync(audio);
        await session.PostAsync(new CommitBuffer("event_commit"));
        var events = await session.UntilAsync(EventTypes.TranscriptionCompleted);

        Assert.Equal("heard 88000", ((TranscriptionCompletedEvent)events[^1]).Transcript);
        var decoder = Assert.Single(engine.Lent);
        Assert.All(decoder.AcceptSizes, size => Assert.InRange(size, 1, 16_000));
        Assert.Equal(audio, decoder.Samples);
    }

    [Fact]
    public async Task Only_the_first_rejected_event_of_a_session_is_logged_at_information()
    {
        var engine = new FakeRecognizer(decoders: 1);
        await using var session = new SessionHarness(engine, SessionHarness.Options());
        for (var i = 0; i < 50; i++)
        {
            await session.PostAsync(new RejectEvent($"e{i}", ErrorCodes.InvalidJson, "bad", null));
        }

        await session.CompleteAsync();

        var information = session.Logs.Where(entry => entry.Level >= LogLevel.Information && entry.Message.Contains("reject", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, information.Count);
        Assert.Contains(information, entry => entry.Message.Contains("50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Draining_waits_for_every_session_and_refuses_new_ones()
    {
        var engine = new FakeRecognizer(decoders: 1);
        using var workers = new RecognitionWorkers(1);
        var session = new SessionHarness(engine, SessionHarness.Options(), workers);

        var drained = workers.DrainSessionsAsync();
        Assert.False(drained.IsCompleted);
        Assert.Throws<ObjectDisposedException>(() => new SessionHarness(engine, SessionHarness.Options(), workers));

        await session.DisposeAsync();
        await drained.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, workers.ActiveSessions);
    }
}
