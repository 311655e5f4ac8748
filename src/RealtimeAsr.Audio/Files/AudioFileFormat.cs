namespace RealtimeAsr.Audio;

/// <summary>What an uploaded audio file is, as read from its first bytes (never from its name).</summary>
public enum AudioFileFormat
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>RIFF/WAVE.</summary>
    Wav,

    /// <summary>Ogg carrying Opus (RFC 7845).</summary>
    OggOpus,

    /// <summary>MPEG-1/2 audio layer I–III, with or without an ID3v2 tag.</summary>
    Mp3,

    /// <summary>Native FLAC (<c>fLaC</c>): recognised, but no decoder is served here.</summary>
    Flac,

    /// <summary>Ogg carrying something other than Opus (Vorbis, FLAC, Speex…): recognised, not decoded.</summary>
    OggOther,
}
