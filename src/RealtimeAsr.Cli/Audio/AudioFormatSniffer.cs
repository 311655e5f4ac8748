using System.Text;

namespace RealtimeAsr.Cli.Audio;

/// <summary>
/// Names what the first bytes of an input are, so one that transcribe cannot send is refused with its name (FLAC, MP3,
/// text …) instead of being streamed as noise.
/// </summary>
internal static class AudioFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Describe"/> and <see cref="IsOggOpus"/> look at.</summary>
    public const int SniffLength = 64;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True for an Ogg stream whose first page carries an Opus identification header.</summary>
    public static bool IsOggOpus(ReadOnlySpan<byte> start) => start.StartsWith("OggS"u8) && start.IndexOf("OpusHead"u8) >= 0;

    /// <summary>A name for a format that is neither WAV nor Ogg Opus, e.g. <c>FLAC</c>; <see langword="null"/> when unknown.</summary>
    public static string? Describe(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("fLaC"u8))
        {
            return "FLAC";
        }

        if (start.StartsWith("ID3"u8) || (start.Length >= 2 && start[0] == 0xFF && (start[1] & 0xE0) == 0xE0))
        {
            return "MP3 (MPEG audio)";
        }

        if (start.StartsWith("OggS"u8))
        {
            return start.IndexOf("vorbis"u8) >= 0 ? "Ogg Vorbis"
                : start.IndexOf("FLAC"u8) >= 0 ? "Ogg FLAC"
                : start.IndexOf("Speex"u8) >= 0 ? "Ogg Speex"
                : "Ogg, but not Opus";
        }

        if (start.StartsWith("RIFF"u8) && start.Length >= 12)
        {
            return $"RIFF {Encoding.ASCII.GetString(start[8..12]).Trim()} (not WAVE)";
        }

        if (start.Length >= 8 && start[4..8].SequenceEqual("ftyp"u8))
        {
            return "MP4/M4A";
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "WebM/Matroska";
        }

        if (start.StartsWith("FORM"u8))
        {
            return "AIFF";
        }

        if (start.StartsWith("#!AMR"u8))
        {
            return "AMR";
        }

        return IsText(start) ? "text" : null;
    }

    /// <summary>Valid UTF-8 (a cut multi-byte sequence at the end allowed) without control characters other than whitespace.</summary>
    private static bool IsText(ReadOnlySpan<byte> start)
    {
        for (var cut = 0; cut < 4 && cut < start.Length; cut++)
        {
            try
            {
                var text = s_strictUtf8.GetString(start[..^cut]);
                return text.Length > 0 && text.All(c => !char.IsControl(c) || c is '\t' or '\n' or '\r');
            }
            catch (DecoderFallbackException)
            {
                // Perhaps a character cut in two by the sniff length: try one byte shorter.
            }
        }

        return false;
    }
}
