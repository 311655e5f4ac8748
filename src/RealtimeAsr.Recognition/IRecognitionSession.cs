namespace RealtimeAsr.Recognition;

/// <summary>
/// An engine's state for one client session, opened by <see cref="ISpeechRecognizer.CreateSession"/>. A session's
/// utterances start from what its earlier utterances taught the engine (for PocketSphinx, the channel's cepstral
/// mean: recording level and microphone), so recognition adapts to a speaker as a session goes on, while sessions
/// never share state: one user's audio never changes another user's transcript. Not thread-safe: one utterance at a
/// time, started by the session's own loop. Disposing it forgets the adaptation.
/// </summary>
public interface IRecognitionSession : IDisposable
{
    /// <summary>
    /// Starts decoding the session's next utterance. Engines with pooled decoders wait here until one is free, so a
    /// caller should call this only once it has audio to decode, and bound the wait with
    /// <paramref name="cancellationToken"/>. Cheap otherwise: engine work happens in the decoder's methods. The
    /// previous utterance must be disposed (or abandoned) first.
    /// </summary>
    ValueTask<IUtteranceDecoder> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken);
}
