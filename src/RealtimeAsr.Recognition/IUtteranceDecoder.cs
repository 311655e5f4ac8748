namespace RealtimeAsr.Recognition;

/// <summary>
/// One utterance being decoded. Not thread-safe: one caller at a time. <see cref="Accept"/>, <see cref="GetPartial"/>
/// and <see cref="Complete"/> are CPU-bound and are meant to run on a recognition worker, never on a socket thread;
/// the first of them may also do work the engine deferred (such as finishing what a previous user of a pooled decoder
/// left). Callers keep each call small: a second or so of audio per <see cref="Accept"/>.
/// </summary>
/// <remarks>
/// Giving the decoder back is cheap whatever the state: <see cref="IDisposable.Dispose"/> before <see cref="Complete"/>
/// discards the utterance and <see cref="Abandon"/> sets it aside, and neither may run an engine's final pass on the
/// caller's thread (a session loop, not a worker), because nobody will read its result.
/// </remarks>
public interface IUtteranceDecoder : IDisposable
{
    /// <summary>Feeds mono 16-bit samples at <see cref="RecognitionAudio.SampleRate"/>.</summary>
    void Accept(ReadOnlySpan<short> samples);

    /// <summary>The current best hypothesis for all audio accepted so far (may be empty).</summary>
    string GetPartial();

    /// <summary>Ends the utterance and returns the final transcript. Nothing may be accepted afterwards.</summary>
    string Complete();

    /// <summary>
    /// Gives the decoder back without ending the utterance because its audio will be decoded again, from the start, by
    /// a later utterance of the same session (a session that stopped sending audio gives its decoder back and replays
    /// the audio when it resumes). Unlike <see cref="IDisposable.Dispose"/>, which may let a discarded utterance adapt
    /// its session, nothing the utterance heard changes its session, so the replay decodes exactly as this utterance
    /// would have. The decoder is unusable afterwards; disposing it does nothing more.
    /// </summary>
    void Abandon();
}
