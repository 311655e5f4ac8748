namespace RealtimeAsr.Client;

/// <summary>The encoding of the audio a session receives (<c>session.input_audio_format</c>).</summary>
public enum AudioInputFormat
{
    /// <summary>16-bit signed little-endian mono PCM at <see cref="TranscriptionSessionOptions.SampleRate"/> (wire name <c>pcm</c>).</summary>
    Pcm,

    /// <summary>An Ogg Opus stream (wire name <c>opus</c>).</summary>
    Opus,
}
