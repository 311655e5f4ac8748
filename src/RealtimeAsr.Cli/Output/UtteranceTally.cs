using System.Runtime.CompilerServices;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Output;

/// <summary>
/// Counts, as the events pass to the output, the utterances that were transcribed and those that failed, so a run
/// that printed nothing says why on standard error instead of ending silently.
/// </summary>
internal sealed class UtteranceTally
{
    private readonly List<TranscriptionFailedEvent> _failed = [];

    /// <summary>Utterances whose final transcript is not blank.</summary>
    public int Transcribed { get; private set; }

    /// <summary>Utterances the service could not recognise, in order.</summary>
    public IReadOnlyList<TranscriptionFailedEvent> Failed => _failed;

    /// <summary>
    /// Passes <paramref name="events"/> on unchanged, counting them; <paramref name="onFailed"/> (when given) runs for each
    /// failed utterance as it arrives.
    /// </summary>
    public async IAsyncEnumerable<ServerEvent> Observe(
        IAsyncEnumerable<ServerEvent> events,
        Func<TranscriptionFailedEvent, Task>? onFailed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var serverEvent in events.WithCancellation(cancellationToken))
        {
            switch (serverEvent)
            {
                case TranscriptionCompletedEvent completed when !string.IsNullOrWhiteSpace(completed.Transcript):
                    Transcribed++;
                    break;
                case TranscriptionFailedEvent failed:
                    _failed.Add(failed);
                    if (onFailed is not null)
                    {
                        await onFailed(failed);
                    }

                    break;
            }

            yield return serverEvent;
        }
    }

    /// <summary>The one line for a failed utterance: <c>item_x: recognition failed: code message</c>.</summary>
    public static string Describe(TranscriptionFailedEvent failed)
    {
        var code = string.IsNullOrEmpty(failed.Error.Code) ? "" : failed.Error.Code + " ";
        return $"{failed.ItemId}: recognition failed: {code}{failed.Error.Message}".TrimEnd();
    }
}
