using System.Diagnostics;
using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>Turns a <see cref="SessionRecording"/> into per-clip transcripts, latencies and partial cadence.</summary>
internal static class SessionAnalyzer
{
    public static SessionResult Analyze(SessionRecording recording)
    {
        var script = recording.Script;
        var items = Timelines(recording.Events);
        var assigned = script.ServerVad ? AssignByAudioPosition(script, items) : AssignByCommitOrder(script, items);

        var utterances = new List<UtteranceResult>(script.Utterances.Count);
        for (var i = 0; i < script.Utterances.Count; i++)
        {
            var matched = assigned.Where(a => a.Utterance == i).Select(a => a.Item).OrderBy(t => t.ResultAt ?? long.MaxValue).ToList();
            var last = matched.LastOrDefault(t => t.ResultAt is not null);
            var endSent = recording.StepSent[script.Utterances[i].EndStep];
            var partialIntervals = matched
                .SelectMany(t => t.PartialsAt.Where(at => t.StoppedAt is not { } stopped || at < stopped).Order().Pairwise())
                .ToList();
            utterances.Add(new UtteranceResult(
                script.Utterances[i].ClipIndex,
                matched.Count,
                string.Join(' ', matched.Select(t => t.Transcript).Where(t => t.Length > 0)),
                last is null ? null : Milliseconds(endSent, last.ResultAt!.Value),
                last is { StoppedAt: { } stoppedAt } ? Milliseconds(stoppedAt, last.ResultAt!.Value) : null,
                partialIntervals));
        }

        var errors = recording.Events.Select(e => e.Event).OfType<ErrorEvent>().Select(e => $"{e.Error.Code}: {e.Error.Message}").ToList();
        var finishedAt = recording.Events.First(e => e.Event is SessionFinishedEvent).Timestamp;
        return new SessionResult(
            utterances,
            assigned.Count(a => a.Utterance < 0),
            errors,
            Milliseconds(recording.StepSent[0], finishedAt) / 1000,
            Milliseconds(recording.StepSent[^1], finishedAt),
            recording.SetupMs,
            recording.MaxSendLagMs,
            script.AudioSeconds,
            script.SpeechSeconds);
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static IEnumerable<double> Pairwise(this IEnumerable<long> timestamps) =>
        timestamps.Zip(timestamps.Skip(1), (a, b) => Milliseconds(a, b));

    private static List<ItemTimeline> Timelines(IReadOnlyList<TimedEvent> events)
    {
        var items = new List<ItemTimeline>();
        var byId = new Dictionary<string, ItemTimeline>(StringComparer.Ordinal);
        ItemTimeline Item(string id)
        {
            if (!byId.TryGetValue(id, out var item))
            {
                item = new ItemTimeline(id);
                byId[id] = item;
                items.Add(item);
            }

            return item;
        }

        foreach (var (at, serverEvent) in events)
        {
            switch (serverEvent)
            {
                case SpeechStartedEvent started:
                    Item(started.ItemId).AudioStartMs = started.AudioStartMs;
                    break;
                case SpeechStoppedEvent stopped:
                    var item = Item(stopped.ItemId);
                    item.AudioEndMs = stopped.AudioEndMs;
                    item.StoppedAt = at;
                    break;
                case InputAudioBufferCommittedEvent committed:
                    Item(committed.ItemId).CommittedAt = at;
                    break;
                case TranscriptionTextEvent text:
                    Item(text.ItemId).PartialsAt.Add(at);
                    break;
                case TranscriptionCompletedEvent completed:
                    Item(completed.ItemId).Transcript = completed.Transcript;
                    Item(completed.ItemId).ResultAt = at;
                    break;
                case TranscriptionFailedEvent failed:
                    Item(failed.ItemId).ResultAt = at;
                    break;
            }
        }

        return items;
    }

    /// <summary>VAD mode: each item belongs to the clip its speech overlaps most; -1 when it overlaps none.</summary>
    private static List<(int Utterance, ItemTimeline Item)> AssignByAudioPosition(SessionScript script, List<ItemTimeline> items)
    {
        const double samplesPerMs = BenchmarkClips.SampleRate / 1000.0;
        return items.Select(item =>
        {
            var start = item.AudioStartMs ?? 0;
            var end = item.AudioEndMs ?? long.MaxValue;
            var best = -1;
            var bestOverlap = 0.0;
            for (var i = 0; i < script.Utterances.Count; i++)
            {
                var u = script.Utterances[i];
                var overlap = Math.Min(end, u.EndSample / samplesPerMs) - Math.Max(start, u.StartSample / samplesPerMs);
                if (overlap > bestOverlap)
                {
                    (best, bestOverlap) = (i, overlap);
                }
            }

            return (best, item);
        }).ToList();
    }

    /// <summary>Manual mode: the n-th committed item is the n-th clip.</summary>
    private static List<(int Utterance, ItemTimeline Item)> AssignByCommitOrder(SessionScript script, List<ItemTimeline> items) =>
        items.Where(i => i.CommittedAt is not null)
            .OrderBy(i => i.CommittedAt)
            .Select((item, n) => (n < script.Utterances.Count ? n : -1, item))
            .ToList();
}
