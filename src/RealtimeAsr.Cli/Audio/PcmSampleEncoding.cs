using RealtimeAsr.Client.Audio;

namespace RealtimeAsr.Cli.Audio;

/// <summary>The sample encodings the converter decodes: those WAV files commonly hold.</summary>
internal enum PcmSampleEncoding
{
    /// <summary>8-bit unsigned integer.</summary>
    UInt8,

    /// <summary>16-bit signed little-endian integer.</summary>
    Int16,

    /// <summary>24-bit signed little-endian integer.</summary>
    Int24,

    /// <summary>32-bit signed little-endian integer.</summary>
    Int32,

    /// <summary>32-bit IEEE float.</summary>
    Float32,

    /// <summary>64-bit IEEE float.</summary>
    Float64,
}

/// <summary>Maps WAV headers to <see cref="PcmSampleEncoding"/>.</summary>
internal static class PcmSampleEncodings
{
    /// <summary>The encoding of a WAV file's samples.</summary>
    /// <exception cref="InvalidDataException">A compressed or unusual encoding.</exception>
    public static PcmSampleEncoding FromWav(WavHeader header) => (header.Format, header.BitsPerSample) switch
    {
        (WavFormatTag.Pcm, 8) => PcmSampleEncoding.UInt8,
        (WavFormatTag.Pcm, 16) => PcmSampleEncoding.Int16,
        (WavFormatTag.Pcm, 24) => PcmSampleEncoding.Int24,
        (WavFormatTag.Pcm, 32) => PcmSampleEncoding.Int32,
        (WavFormatTag.IeeeFloat, 32) => PcmSampleEncoding.Float32,
        (WavFormatTag.IeeeFloat, 64) => PcmSampleEncoding.Float64,
        _ => throw new InvalidDataException($"unsupported WAV encoding ({header}); convert it to PCM first, e.g. with 'sox in.wav -b 16 out.wav'"),
    };

    /// <summary>Bytes per sample of one channel.</summary>
    public static int BytesPerSample(this PcmSampleEncoding encoding) => encoding switch
    {
        PcmSampleEncoding.UInt8 => 1,
        PcmSampleEncoding.Int16 => 2,
        PcmSampleEncoding.Int24 => 3,
        PcmSampleEncoding.Int32 or PcmSampleEncoding.Float32 => 4,
        _ => 8,
    };
}
