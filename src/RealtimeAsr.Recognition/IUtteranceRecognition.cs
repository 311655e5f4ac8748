namespace RealtimeAsr.Recognition;

/// <summary>
/// One utterance being recognised, driven by one caller at a time (the session's loop): audio in order, partial results
/// when the caller wants them, then the final result. Each call is asynchronous: the engine runs CPU work on the
/// session's <see cref="IRecognitionWorkers"/> and waits for I/O outside them, so the caller never blocks a thread.
/// </summary>
/// <remarks>
/// Giving the utterance back is cheap whatever its state: <see cref="IDisposable.Dispose"/> before
/// <see cref="CompleteAsync"/> discards it, <see cref="Abandon"/> sets it aside for a replay; neither waits for work in
/// flight (its result is ignored).
/// </remarks>
public interface IUtteranceRecognition : IDisposable
{
    /// <summary>
    /// Takes the next mono 16-bit samples at <see cref="RecognitionAudio.SampleRate"/>. Callers keep each call small (a
    /// second or so); <paramref name="samples"/> is only read until the returned task completes.
    /// </summary>
    ValueTask AcceptAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken);

    /// <summary>
    /// A partial result for the audio so far when it changed since the last one returned, otherwise
    /// <see langword="null"/>. Incremental engines compute it now; window and network engines return the newest result
    /// their background work produced (and may start more), never waiting for a decode.
    /// </summary>
    ValueTask<RecognitionPartial?> GetPartialAsync(CancellationToken cancellationToken);

    /// <summary>Ends the utterance and returns the final result. Nothing may be accepted afterwards.</summary>
    ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gives the utterance's resources back without ending it, because the same audio will be recognised again from
    /// the start by a later utterance of the same session (a session that stopped sending gives its decoder back and
    /// replays the audio when it resumes): nothing this utterance heard may change its session. Unusable afterwards.
    /// </summary>
    void Abandon();
}
