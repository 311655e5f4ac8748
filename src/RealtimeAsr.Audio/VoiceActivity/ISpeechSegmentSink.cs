namespace RealtimeAsr.Audio;

/// <summary>
/// Receives what <see cref="VoiceActivityDetector"/> finds, in audio order and on the thread that called it.
/// Positions are 16 kHz samples since the session's first sample (milliseconds = sample / 16). Every sample is reported
/// at most once: pre-roll never repeats audio already given to an earlier utterance. Spans are only valid during the call.
/// </summary>
public interface ISpeechSegmentSink
{
    /// <summary>Speech began at <paramref name="startSample"/>.</summary>
    /// <param name="startSample">Start of the first frame judged to be speech.</param>
    /// <param name="preRoll">
    /// The first audio of the utterance: up to <see cref="VoiceActivityOptions.PreRollMs"/> before
    /// <paramref name="startSample"/>, then everything up to <see cref="VoiceActivityDetector.Position"/>.
    /// Its first sample is at <c>Position - preRoll.Length</c>.
    /// </param>
    void OnSpeechStarted(long startSample, ReadOnlySpan<short> preRoll);

    /// <summary>More audio of the current utterance (speech, and the trailing silence until it stops), right after the previous audio.</summary>
    void OnSpeechAudio(ReadOnlySpan<short> samples);

    /// <summary>The utterance ended; all its audio, trailing silence included, has been reported.</summary>
    /// <param name="endSample">
    /// Where speech ended: the start of the trailing silence, not the moment the silence timer expired. For an utterance
    /// cut for its length (<see cref="VoiceActivityOptions.MaxSpeechDurationMs"/>), the cut: all its audio up to there has
    /// been reported, and if speech goes on, the next utterance starts there, its first audio being what followed the cut.
    /// </param>
    void OnSpeechStopped(long endSample);
}
