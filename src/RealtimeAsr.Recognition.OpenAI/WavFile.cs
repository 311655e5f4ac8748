using System.Buffers.Binary;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// Writes a window's samples as the simplest WAV every transcription server reads: a 44-byte RIFF header (PCM, mono,
/// 16 bits) and the samples, little-endian. 16 kHz mono is what ASR models take, so the backend resamples nothing.
/// </summary>
internal static class WavFile
{
    /// <summary>Bytes before the samples.</summary>
    public const int HeaderBytes = 44;

    /// <summary>The WAV file of <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples, int sampleRate = RecognitionAudio.SampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        const int channels = 1;
        const int bytesPerSample = sizeof(short);
        var dataBytes = checked(samples.Length * bytesPerSample);
        var file = new byte[HeaderBytes + dataBytes];
        var header = file.AsSpan(0, HeaderBytes);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], HeaderBytes - 8 + dataBytes);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * channels * bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], channels * bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], bytesPerSample * 8);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);

        var data = file.AsSpan(HeaderBytes);
        if (BitConverter.IsLittleEndian)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples).CopyTo(data);
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(data[(i * bytesPerSample)..], samples[i]);
            }
        }

        return file;
    }
}
