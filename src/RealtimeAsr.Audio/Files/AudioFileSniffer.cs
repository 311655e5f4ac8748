namespace RealtimeAsr.Audio;

/// <summary>Tells an audio file's format from its magic bytes, so that a misnamed upload is still read right.</summary>
public static class AudioFileSniffer
{
    /// <summary>The format of the file whose first bytes are <paramref name="head"/> (a few dozen bytes suffice).</summary>
    public static AudioFileFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return AudioFileFormat.Wav;
        }

        if (head.StartsWith("OggS"u8))
        {
            return IsOpusFirstPage(head) ? AudioFileFormat.OggOpus : AudioFileFormat.OggOther;
        }

        if (head.StartsWith("fLaC"u8))
        {
            return AudioFileFormat.Flac;
        }

        if (head.StartsWith("ID3"u8) || IsMpegAudioFrameHeader(head))
        {
            return AudioFileFormat.Mp3;
        }

        return AudioFileFormat.Unknown;
    }

    // The first Ogg page's packet is the identification header: 27 header bytes, the segment table, then "OpusHead".
    private static bool IsOpusFirstPage(ReadOnlySpan<byte> head)
    {
        if (head.Length < 27)
        {
            return false;
        }

        var packet = 27 + head[26];
        return head.Length >= packet + 8 && head.Slice(packet, 8).SequenceEqual("OpusHead"u8);
    }

    // An 11-bit frame sync, a layer (00 is reserved, and is what AAC's ADTS sets), a bitrate index other than "bad"
    // and a sample-rate index other than "reserved".
    private static bool IsMpegAudioFrameHeader(ReadOnlySpan<byte> head) =>
        head.Length >= 4
        && head[0] == 0xFF
        && (head[1] & 0xE0) == 0xE0
        && (head[1] & 0x18) != 0x08
        && (head[1] & 0x06) != 0
        && (head[2] & 0xF0) != 0xF0
        && (head[2] & 0x0C) != 0x0C;
}
