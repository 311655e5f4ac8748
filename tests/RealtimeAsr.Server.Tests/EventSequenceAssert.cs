using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Checks a session's events against the protocol's sequences (§5) and the rules real clients depend on (§9.4).</summary>
public static class EventSequenceAssert
{
    /// <summary>Groups item events by item id (in order of first appearance) and checks each item's sequence.</summary>
    /// <param name="events">A session's events from <c>session.created</c> on.</param>
    /// <param name="serverVad">VAD mode (speech_started/stopped) or Manual mode.</param>
    /// <param name="language">
    /// The language every result must report; <see langword="null"/>: any of the protocol's codes, the same throughout
    /// an item (a detected language).
    /// </param>
    /// <param name="mayFail">Whether an item may end in <c>.failed</c> instead of <c>.completed</c> (a model that hears no words).</param>
    public static IReadOnlyList<UtteranceTranscript> Utterances(
        IReadOnlyList<RawRealtimeClient.ReceivedEvent> events, bool serverVad, string? language = "en", bool mayFail = false)
    {
        Assert.Equal(EventTypes.SessionCreated, events[0].Type);
        foreach (var e in events)
        {
            Assert.False(string.IsNullOrEmpty(e.Event.EventId), $"{e.Type} has no event_id");
            Assert.IsNotType<UnknownServerEvent>(e.Event);
            Assert.NotEqual(EventTypes.Error, e.Type);
        }

        var items = events.Where(e => ItemIdOf(e.Event) is not null)
            .GroupBy(e => ItemIdOf(e.Event)!)
            .Select(g => new UtteranceTranscript(g.Key, g.ToList()))
            .ToList();

        string? previous = null;
        long lastEndMs = -1;
        foreach (var item in items)
        {
            var types = item.Events.Select(e => e.Type).Where(t => t != EventTypes.TranscriptionText).ToList();
            var end = mayFail && types[^1] == EventTypes.TranscriptionFailed ? EventTypes.TranscriptionFailed : EventTypes.TranscriptionCompleted;
            string[] expected = serverVad
                ? [EventTypes.SpeechStarted, EventTypes.SpeechStopped, EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated, end]
                : [EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated, end];
            Assert.Equal(expected, types);

            var committed = (InputAudioBufferCommittedEvent)item.Events[item.IndexOf(EventTypes.InputAudioBufferCommitted)].Event;
            var created = (ConversationItemCreatedEvent)item.Events[item.IndexOf(EventTypes.ConversationItemCreated)].Event;
            Assert.Equal(previous, committed.PreviousItemId);
            Assert.Equal(previous, created.PreviousItemId);
            Assert.Equal(item.ItemId, created.Item.Id);
            Assert.Null(Assert.Single(created.Item.Content).Transcript);
            previous = item.ItemId;

            // text only grows within an item; text and stash are always strings; language and emotion always present.
            var text = "";
            var itemLanguage = language;
            foreach (var partial in item.Partials)
            {
                Assert.StartsWith(text, partial.Text, StringComparison.Ordinal);
                text = partial.Text;
                Assert.NotNull(partial.Stash);
                itemLanguage ??= partial.Language;
                Assert.Equal(itemLanguage, partial.Language);
                Assert.Equal("neutral", partial.Emotion);
            }

            if (item.Events[^1].Event is TranscriptionCompletedEvent completed)
            {
                Assert.Equal(itemLanguage ?? completed.Language, completed.Language);
                Assert.Contains(completed.Language, Recognition.Whisper.WhisperLanguages.Protocol);
                Assert.Equal("neutral", completed.Emotion);
            }

            Assert.All(item.Partials, p => Assert.Contains(p.Language, Recognition.Whisper.WhisperLanguages.Protocol));

            if (serverVad)
            {
                var started = (SpeechStartedEvent)item.Events[0].Event;
                var stopped = (SpeechStoppedEvent)item.Events[item.IndexOf(EventTypes.SpeechStopped)].Event;
                Assert.True(started.AudioStartMs > lastEndMs, "utterances overlap");
                Assert.True(stopped.AudioEndMs > started.AudioStartMs, "speech stopped before it started");
                lastEndMs = stopped.AudioEndMs;
            }
        }

        return items;
    }

    private static string? ItemIdOf(ServerEvent e) => e switch
    {
        SpeechStartedEvent s => s.ItemId,
        SpeechStoppedEvent s => s.ItemId,
        InputAudioBufferCommittedEvent c => c.ItemId,
        ConversationItemCreatedEvent c => c.Item.Id,
        TranscriptionTextEvent t => t.ItemId,
        TranscriptionCompletedEvent c => c.ItemId,
        TranscriptionFailedEvent f => f.ItemId,
        _ => null,
    };
}
