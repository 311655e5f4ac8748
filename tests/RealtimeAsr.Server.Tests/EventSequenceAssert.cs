using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Checks a session's events against the protocol's sequences (§5) and the rules real clients depend on (§9.4).</summary>
public static class EventSequenceAssert
{
    /// <summary>Groups item events by item id (in order of first appearance) and checks each item's sequence.</summary>
    public static IReadOnlyList<UtteranceTranscript> Utterances(IReadOnlyList<RawRealtimeClient.ReceivedEvent> events, bool serverVad)
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
            string[] expected = serverVad
                ? [EventTypes.SpeechStarted, EventTypes.SpeechStopped, EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated, EventTypes.TranscriptionCompleted]
                : [EventTypes.InputAudioBufferCommitted, EventTypes.ConversationItemCreated, EventTypes.TranscriptionCompleted];
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
            foreach (var partial in item.Partials)
            {
                Assert.StartsWith(text, partial.Text, StringComparison.Ordinal);
                text = partial.Text;
                Assert.NotNull(partial.Stash);
                Assert.Equal("en", partial.Language);
                Assert.Equal("neutral", partial.Emotion);
            }

            var completed = (TranscriptionCompletedEvent)item.Events[^1].Event;
            Assert.Equal("en", completed.Language);
            Assert.Equal("neutral", completed.Emotion);

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
