using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>The events of one item, in order, as a client saw them.</summary>
public sealed record UtteranceTranscript(string ItemId, IReadOnlyList<RawRealtimeClient.ReceivedEvent> Events)
{
    public string Transcript => Events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().SingleOrDefault()?.Transcript ?? "";

    public IReadOnlyList<TranscriptionTextEvent> Partials => Events.Select(e => e.Event).OfType<TranscriptionTextEvent>().ToList();

    public int IndexOf(string type) => Events.ToList().FindIndex(e => e.Type == type);
}
