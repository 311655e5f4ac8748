namespace RealtimeAsr.Audio;

/// <summary>
/// Names and rates of the audio this project accepts, and the one format it produces:
/// mono, signed 16-bit samples at <see cref="EngineSampleRate"/>.
/// </summary>
public static class AudioFormat
{
    /// <summary>The rate of every decoded sample stream, in hertz (the same as the recognition engines' rate).</summary>
    public const int EngineSampleRate = 16000;

    /// <summary>Samples in one millisecond at <see cref="EngineSampleRate"/>.</summary>
    public const int SamplesPerMillisecond = EngineSampleRate / 1000;

    /// <summary>Telephony rate: <c>pcm</c> input at this rate is upsampled to <see cref="EngineSampleRate"/>.</summary>
    public const int TelephonySampleRate = 8000;

    /// <summary><c>input_audio_format</c> value for 16-bit signed little-endian mono PCM.</summary>
    public const string Pcm = "pcm";

    /// <summary>Alias of <see cref="Pcm"/> that the official SDKs send when no transcription parameters are set.</summary>
    public const string Pcm16 = "pcm16";

    /// <summary><c>input_audio_format</c> value for an Ogg-encapsulated Opus stream (RFC 7845).</summary>
    public const string Opus = "opus";

    /// <summary>Whether <paramref name="format"/> is an <c>input_audio_format</c> this project can decode (exact, case-sensitive).</summary>
    public static bool IsSupportedFormat(string? format) => format is Pcm or Pcm16 or Opus;

    /// <summary>Whether <paramref name="sampleRate"/> is a <c>sample_rate</c> this project accepts.</summary>
    public static bool IsSupportedSampleRate(int sampleRate) => sampleRate is EngineSampleRate or TelephonySampleRate;
}
