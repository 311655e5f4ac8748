namespace RealtimeAsr.Audio;

/// <summary>
/// Decodes an uploaded audio file of any accepted format (<see cref="AcceptedFormats"/>) to mono samples at 16 kHz, or
/// 8 kHz for a narrowband file (<see cref="DecodedAudio"/>), the format told from its bytes by <see cref="AudioFileSniffer"/>.
/// </summary>
public static class AudioFileDecoder
{
    /// <summary>The accepted formats, in words, for error messages and docs.</summary>
    public const string AcceptedFormats =
        "WAV (integer PCM of 8, 16, 24 or 32 bits, or float of 32 or 64 bits; any sample rate and channel count), Ogg Opus, MP3";

    /// <summary>Decodes <paramref name="file"/>; its audio may last at most <paramref name="maxDuration"/>.</summary>
    /// <exception cref="UnsupportedAudioFileException">Not an accepted format (FLAC, Ogg Vorbis, AAC, …, or unrecognised bytes).</exception>
    /// <exception cref="InvalidAudioException">An accepted format, but damaged.</exception>
    /// <exception cref="AudioTooLongException">The audio lasts longer than <paramref name="maxDuration"/>.</exception>
    public static DecodedAudio Decode(byte[] file, TimeSpan maxDuration)
    {
        ArgumentNullException.ThrowIfNull(file);
        var format = AudioFileSniffer.Detect(file);
        return format switch
        {
            AudioFileFormat.Wav => WavFileDecoder.Decode(file, maxDuration),
            AudioFileFormat.OggOpus => OggOpusFileDecoder.Decode(file, maxDuration),
            AudioFileFormat.Mp3 => Mp3FileDecoder.Decode(file, maxDuration),
            _ => throw new UnsupportedAudioFileException($"{Describe(format)} Accepted: {AcceptedFormats}."),
        };
    }

    private static string Describe(AudioFileFormat format) => format switch
    {
        AudioFileFormat.Flac => "FLAC is not decoded here (no FLAC decoder library is available to this server); convert it, e.g. to WAV or Ogg Opus.",
        AudioFileFormat.OggOther => "This Ogg file does not carry Opus (Vorbis, FLAC and Speex in Ogg are not decoded here).",
        _ => "The file is not in an audio format recognised here.",
    };
}
