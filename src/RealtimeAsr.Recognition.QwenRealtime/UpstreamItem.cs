namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// What the upstream said about one utterance: its newest partial and, once it came, its final result or failure.
/// Written by one writer at a time (the connection, under its lock), read by the session's loop.
/// </summary>
internal sealed class UpstreamItem
{
    private readonly TaskCompletionSource<RecognitionResult> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RecognitionPartial? _partial;
    private volatile bool _answered;

    /// <summary>The newest partial the upstream sent (<c>text</c>/<c>stash</c>), or <see langword="null"/> before the first.</summary>
    public RecognitionPartial? Partial => Volatile.Read(ref _partial);

    /// <summary>Completes with the final result, or fails with the <see cref="RecognitionFailedException"/> the client is told.</summary>
    public Task<RecognitionResult> Final => _final.Task;

    /// <summary>Whether the final result or a failure has come.</summary>
    public bool IsDone => _final.Task.IsCompleted;

    /// <summary>
    /// Whether the upstream answered the item itself (<c>.completed</c> or <c>.failed</c>). An item that ended
    /// otherwise (a timeout, an <c>error</c> event) may still have a result owed by the upstream.
    /// </summary>
    public bool Answered => _answered;

    /// <summary>A <c>.text</c> event: a snapshot that replaces the previous one. Ignored once the item is done.</summary>
    public void OnPartial(RecognitionPartial partial)
    {
        if (!IsDone)
        {
            Volatile.Write(ref _partial, partial);
        }
    }

    /// <summary>
    /// The final transcript (empty when the upstream heard no words). The last partial is the upstream's last
    /// <c>.text</c>, or the transcript confirmed whole when it sent none.
    /// </summary>
    public void OnCompleted(string transcript, string? language)
    {
        if (!IsDone)
        {
            var last = Partial ?? new RecognitionPartial(transcript, "", language);
            // Before the result: its reader may run at once and ask.
            _answered = true;
            _final.SetResult(new RecognitionResult(last, transcript, language ?? last.Language));
        }
    }

    /// <summary>The upstream failed the item (<c>.failed</c>); the first outcome is the one reported.</summary>
    public void OnRefused(RecognitionFailedException failure)
    {
        if (!IsDone)
        {
            _answered = true;
            _final.SetException(failure);
        }
    }

    /// <summary>The item failed otherwise (the connection, an <c>error</c> event); the first outcome is the one reported.</summary>
    public void OnFailed(RecognitionFailedException failure) => _final.TrySetException(failure);
}
