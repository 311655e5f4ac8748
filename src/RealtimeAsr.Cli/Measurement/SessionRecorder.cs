using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Measurement;

/// <summary>
/// Follows the server events of one file's session and keeps, per item in the order items appear, what the metrics
/// need. Events come from one reader; not thread-safe.
/// </summary>
internal sealed class SessionRecorder
{
    private readonly Dictionary<string, UtteranceRecord> _items = new(StringComparer.Ordinal);
    private readonly List<UtteranceRecord> _order = [];

    /// <summary>Whether any event arrived: the endpoint accepted the connection.</summary>
    public bool Connected { get; private set; }

    /// <summary>The first <c>error</c> event, which ends the file's session.</summary>
    public ErrorEvent? Error { get; private set; }

    /// <summary>Whether <c>session.finished</c> arrived.</summary>
    public bool Finished { get; private set; }

    /// <summary>The items in the order they appeared.</summary>
    public IReadOnlyList<UtteranceRecord> Utterances => _order;

    /// <summary>Records <paramref name="serverEvent"/>, which arrived at <paramref name="timestamp"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public void Observe(ServerEvent serverEvent, long timestamp)
    {
        Connected = true;
        switch (serverEvent)
        {
            case SpeechStartedEvent started:
                Item(started.ItemId).SpeechStartedAt ??= timestamp;
                break;
            case SpeechStoppedEvent stopped:
                Item(stopped.ItemId).SpeechEndMs = stopped.AudioEndMs;
                break;
            case InputAudioBufferCommittedEvent committed:
                Item(committed.ItemId);
                break;
            case TranscriptionTextEvent text:
                var item = Item(text.ItemId);
                item.FirstTextAt ??= timestamp;
                item.TextEvents++;
                // Confirmed text may only grow; a text that does not start with the previous one was revised.
                if (!text.Text.StartsWith(item.LastText, StringComparison.Ordinal))
                {
                    item.Revisions++;
                }

                item.LastText = text.Text;
                break;
            case TranscriptionCompletedEvent completed:
                var done = Item(completed.ItemId);
                done.CompletedAt ??= timestamp;
                done.Transcript = completed.Transcript;
                break;
            case TranscriptionFailedEvent failed:
                Item(failed.ItemId).Failure = string.IsNullOrEmpty(failed.Error.Code)
                    ? failed.Error.Message
                    : $"{failed.Error.Code}: {failed.Error.Message}";
                break;
            case SessionFinishedEvent:
                Finished = true;
                break;
            case ErrorEvent error:
                Error ??= error;
                break;
        }
    }

    /// <summary>The final transcripts joined with spaces, in item order: the file's hypothesis.</summary>
    public string Hypothesis() => string.Join(' ', _order
        .Select(item => item.Transcript?.Trim())
        .Where(transcript => !string.IsNullOrEmpty(transcript)));

    private UtteranceRecord Item(string itemId)
    {
        if (!_items.TryGetValue(itemId, out var item))
        {
            item = new UtteranceRecord(itemId);
            _items.Add(itemId, item);
            _order.Add(item);
        }

        return item;
    }
}
