namespace RealtimeAsr.Client.Audio;

/// <summary>The sample encodings a WAV file's <c>fmt </c> chunk can name that this library understands.</summary>
public enum WavFormatTag
{
    /// <summary>An encoding other than the ones below (e.g. ADPCM, μ-law).</summary>
    Other = 0,

    /// <summary>Integer PCM (<c>WAVE_FORMAT_PCM</c>, or <c>WAVE_FORMAT_EXTENSIBLE</c> with the PCM sub-format).</summary>
    Pcm = 1,

    /// <summary>IEEE float (<c>WAVE_FORMAT_IEEE_FLOAT</c>, or extensible with the float sub-format).</summary>
    IeeeFloat = 3,
}
