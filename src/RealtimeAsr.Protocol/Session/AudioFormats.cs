namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_format</c> values.</summary>
public static class AudioFormats
{
    /// <summary>16-bit signed little-endian mono PCM.</summary>
    public const string Pcm = "pcm";

    /// <summary>The SDKs' name for <see cref="Pcm"/>, accepted as an alias.</summary>
    public const string Pcm16 = "pcm16";

    /// <summary>An Ogg-encapsulated Opus stream.</summary>
    public const string Opus = "opus";
}
