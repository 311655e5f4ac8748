namespace RealtimeAsr.Recognition;

/// <summary>
/// An engine's state for one client session (what it adapted to the speaker, an upstream connection). Not thread-safe:
/// one utterance at a time, started by the session's own loop. Disposing it forgets the state.
/// </summary>
public interface ISpeechEngineSession : IDisposable
{
    /// <summary>
    /// Starts recognising the session's next utterance. Engines that lend a scarce resource for a whole utterance (a
    /// pooled decoder) wait here until one is free, so a caller asks only once it has audio and bounds the wait with
    /// <paramref name="cancellationToken"/>; others return at once. The previous utterance must be disposed (or
    /// abandoned) first.
    /// </summary>
    ValueTask<IUtteranceRecognition> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken);
}
