namespace RealtimeAsr.Client;

/// <summary>What a <see cref="TranscriptionResult"/> is.</summary>
public enum TranscriptionResultKind
{
    /// <summary>A live snapshot of the utterance in progress: confirmed <c>text</c> plus a draft <c>stash</c> that may still change.</summary>
    Partial,

    /// <summary>The final transcript of an utterance.</summary>
    Final,

    /// <summary>The utterance could not be transcribed; see <see cref="TranscriptionResult.Error"/>.</summary>
    Failed,
}
