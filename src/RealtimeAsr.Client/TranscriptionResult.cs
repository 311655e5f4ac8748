using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

/// <summary>One result of <see cref="RealtimeAsrClient.TranscribeAsync(Stream, TranscriptionSessionOptions?, AudioStreamingOptions?, CancellationToken)"/>: a partial or final text of one utterance.</summary>
/// <param name="Kind">Partial, final or failed.</param>
/// <param name="ItemId">The utterance (conversation item) this result belongs to.</param>
/// <param name="Text">Partial: the confirmed prefix. Final: the whole transcript. Failed: empty.</param>
/// <param name="Stash">Partial: the draft suffix after <paramref name="Text"/>. Otherwise empty.</param>
/// <param name="Language">Language of the audio as the server reports it, if it does.</param>
/// <param name="Emotion">Detected emotion (e.g. <c>neutral</c>), if the server reports it.</param>
public sealed record TranscriptionResult(
    TranscriptionResultKind Kind,
    string ItemId,
    string Text,
    string Stash,
    string? Language,
    string? Emotion)
{
    /// <summary>What to display: <see cref="Text"/> followed by <see cref="Stash"/>.</summary>
    public string FullText => Text + Stash;

    /// <summary>Why the utterance failed, for <see cref="TranscriptionResultKind.Failed"/>.</summary>
    public TranscriptionError? Error { get; init; }

    /// <summary>The server event this result was made from.</summary>
    public ServerEvent? Event { get; init; }

    /// <summary>The result for a server event, or <see langword="null"/> for events that carry no text.</summary>
    public static TranscriptionResult? FromEvent(ServerEvent serverEvent) => serverEvent switch
    {
        TranscriptionTextEvent text => new(TranscriptionResultKind.Partial, text.ItemId, text.Text ?? "", text.Stash ?? "",
            NullIfEmpty(text.Language), NullIfEmpty(text.Emotion)) { Event = text },
        TranscriptionCompletedEvent completed => new(TranscriptionResultKind.Final, completed.ItemId, completed.Transcript ?? "", "",
            NullIfEmpty(completed.Language), NullIfEmpty(completed.Emotion)) { Event = completed },
        TranscriptionFailedEvent failed => new(TranscriptionResultKind.Failed, failed.ItemId, "", "", null, null)
        {
            Error = failed.Error,
            Event = failed,
        },
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
