namespace RealtimeAsr.Recognition;

/// <summary>
/// One utterance being decoded. Not thread-safe: one caller at a time. Every method is CPU-bound and is meant
/// to run on a recognition worker, never on a socket thread. Disposing returns the engine's decoder.
/// </summary>
public interface IUtteranceDecoder : IDisposable
{
    /// <summary>Feeds mono 16-bit samples at <see cref="RecognitionAudio.SampleRate"/>.</summary>
    void Accept(ReadOnlySpan<short> samples);

    /// <summary>The current best hypothesis for all audio accepted so far (may be empty).</summary>
    string GetPartial();

    /// <summary>Ends the utterance and returns the final transcript. Nothing may be accepted afterwards.</summary>
    string Complete();
}
