using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

/// <summary>One result of <see cref="RealtimeAsrClient.TranscribeAsync(Stream, TranscriptionSessionOptions?, AudioStreamingOptions?, CancellationToken)"/>: a partial or final text of one utterance.</summary>
/// <remarks>A class with init-only properties rather than a positional record, so that fields can be added later
/// without breaking compiled callers: the constructor takes only what identifies a result.</remarks>
public sealed class TranscriptionResult
{
    /// <summary>A result of <paramref name="kind"/> for the utterance <paramref name="itemId"/>; set the other properties with an initializer.</summary>
    public TranscriptionResult(TranscriptionResultKind kind, string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        Kind = kind;
        ItemId = itemId;
    }

    /// <summary>Partial, final or failed.</summary>
    public TranscriptionResultKind Kind { get; }

    /// <summary>The utterance (conversation item) this result belongs to.</summary>
    public string ItemId { get; }

    /// <summary>Partial: the confirmed prefix. Final: the whole transcript. Failed: empty.</summary>
    public string Text { get; init; } = "";

    /// <summary>Partial: the draft suffix after <see cref="Text"/>. Otherwise empty.</summary>
    public string Stash { get; init; } = "";

    /// <summary>Language of the audio as the server reports it, if it does.</summary>
    public string? Language { get; init; }

    /// <summary>Detected emotion (e.g. <c>neutral</c>), if the server reports it.</summary>
    public string? Emotion { get; init; }

    /// <summary>What to display: <see cref="Text"/> followed by <see cref="Stash"/>.</summary>
    public string FullText => Text + Stash;

    /// <summary>Why the utterance failed, for <see cref="TranscriptionResultKind.Failed"/>.</summary>
    public TranscriptionError? Error { get; init; }

    /// <summary>The server event this result was made from.</summary>
    public ServerEvent? Event { get; init; }

    /// <summary>The result for a server event, or <see langword="null"/> for events that carry no text.</summary>
    public static TranscriptionResult? FromEvent(ServerEvent serverEvent) => serverEvent switch
    {
        TranscriptionTextEvent text => new(TranscriptionResultKind.Partial, text.ItemId)
        {
            Text = text.Text ?? "",
            Stash = text.Stash ?? "",
            Language = NullIfEmpty(text.Language),
            Emotion = NullIfEmpty(text.Emotion),
            Event = text,
        },
        TranscriptionCompletedEvent completed => new(TranscriptionResultKind.Final, completed.ItemId)
        {
            Text = completed.Transcript ?? "",
            Language = NullIfEmpty(completed.Language),
            Emotion = NullIfEmpty(completed.Emotion),
            Event = completed,
        },
        TranscriptionFailedEvent failed => new(TranscriptionResultKind.Failed, failed.ItemId)
        {
            Error = failed.Error,
            Event = failed,
        },
        _ => null,
    };

    /// <summary>A short description for logs and debuggers, e.g. <c>Final item_1: hello</c>.</summary>
    public override string ToString() => $"{Kind} {ItemId}: {FullText}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
