namespace RealtimeAsr.Benchmarks.Audio;

/// <summary>What one step of a <see cref="SessionScript"/> sends.</summary>
internal enum ScriptStepKind
{
    /// <summary><c>input_audio_buffer.append</c> with one chunk of audio.</summary>
    Append,

    /// <summary><c>input_audio_buffer.commit</c> (Manual mode): the audio since the last commit is one utterance.</summary>
    Commit,

    /// <summary><c>session.finish</c>, always the last step.</summary>
    Finish,
}
