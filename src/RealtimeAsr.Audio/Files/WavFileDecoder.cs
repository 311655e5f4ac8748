using System.Buffers.Binary;
using System.Globalization;

namespace RealtimeAsr.Audio;

/// <summary>
/// Decodes a RIFF/WAVE file: integer PCM of 8 (unsigned), 16, 24 or 32 bits, or IEEE float of 32 or 64 bits, plain or
/// as <c>WAVE_FORMAT_EXTENSIBLE</c>, at any rate and with any number of channels. A <c>data</c> chunk whose size is
/// unset or past the end (a stream written before its length was known) runs to the end of the file.
/// </summary>
public static class WavFileDecoder
{
    private const ushort PcmTag = 1;
    private const ushort FloatTag = 3;
    private const ushort ExtensibleTag = 0xFFFE;

    /// <summary>Decodes <paramref name="file"/>, stopping with <see cref="AudioTooLongException"/> beyond <paramref name="maxDuration"/>.</summary>
    /// <exception cref="InvalidAudioException">The file is not well-formed WAV.</exception>
    /// <exception cref="UnsupportedAudioFileException">The WAV holds a sample format not listed above (µ-law, ADPCM, 12-bit…).</exception>
    public static DecodedAudio Decode(ReadOnlySpan<byte> file, TimeSpan maxDuration)
    {
        if (AudioFileSniffer.Detect(file) != AudioFileFormat.Wav)
        {
            throw new InvalidAudioException("Not a WAV file: it does not start with RIFF....WAVE.");
        }

        WavFormat? format = null;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = file.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(offset + 4)..]);
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                format = ReadFormat(file.Slice(body, (int)Math.Min(size, (uint)(file.Length - body))));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new InvalidAudioException("The WAV file has its 'data' chunk before its 'fmt ' chunk.");
                }

                var length = size == 0 || size > file.Length - body ? file.Length - body : (int)size;
                return DecodeSamples(file.Slice(body, length), format, maxDuration);
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new InvalidAudioException(format is null ? "The WAV file has no 'fmt ' chunk." : "The WAV file has no 'data' chunk.");
    }

    private static WavFormat ReadFormat(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16)
        {
            throw new InvalidAudioException("The WAV file's 'fmt ' chunk is too short.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == ExtensibleTag && fmt.Length >= 26)
        {
            // The sub-format GUID starts with the plain format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        if (channels == 0 || rate <= 0)
        {
            throw new InvalidAudioException(string.Create(CultureInfo.InvariantCulture,
                $"The WAV file declares {channels} channels at {rate} Hz."));
        }

        var supported = (tag, bits) is (PcmTag, 8 or 16 or 24 or 32) or (FloatTag, 32 or 64);
        if (!supported)
        {
            throw new UnsupportedAudioFileException(string.Create(CultureInfo.InvariantCulture,
                $"This WAV file holds format tag {tag} with {bits}-bit samples, which is not decoded here. Accepted: {AudioFileDecoder.AcceptedFormats}."));
        }

        return new WavFormat(tag == FloatTag, channels, rate, bits / 8);
    }

    private static DecodedAudio DecodeSamples(ReadOnlySpan<byte> data, WavFormat format, TimeSpan maxDuration)
    {
        using var collector = new MonoSampleCollector(format.SampleRate, format.Channels, maxDuration);
        var frame = new float[format.Channels];
        var frameBytes = format.BytesPerSample * format.Channels;
        for (var offset = 0; offset + frameBytes <= data.Length; offset += frameBytes)
        {
            for (var channel = 0; channel < format.Channels; channel++)
            {
                frame[channel] = ReadSample(data.Slice(offset + (channel * format.BytesPerSample), format.BytesPerSample), format.IsFloat);
            }

            collector.AddFrames(frame);
        }

        return new DecodedAudio(collector.Finish(), collector.OutputRate, AudioFileFormat.Wav, format.SampleRate, format.Channels);
    }

    private static float ReadSample(ReadOnlySpan<byte> sample, bool isFloat) => (isFloat, sample.Length) switch
    {
        (true, 4) => BinaryPrimitives.ReadSingleLittleEndian(sample),
        (true, _) => (float)BinaryPrimitives.ReadDoubleLittleEndian(sample),
        (false, 1) => (sample[0] - 128) / 128f,
        (false, 2) => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768f,
        // 24-bit: the three bytes in the top of an int, so the sign comes along.
        (false, 3) => ((sample[0] << 8) | (sample[1] << 16) | (sample[2] << 24)) / 2147483648f,
        _ => BinaryPrimitives.ReadInt32LittleEndian(sample) / 2147483648f,
    };

    private sealed record WavFormat(bool IsFloat, int Channels, int SampleRate, int BytesPerSample);
}
