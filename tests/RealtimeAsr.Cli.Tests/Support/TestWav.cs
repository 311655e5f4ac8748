using System.Buffers.Binary;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Cli.Tests.Support;

/// <summary>Writes WAV files in the formats the CLI must convert.</summary>
public static class TestWav
{
    /// <summary>A 16-bit PCM WAV of interleaved <paramref name="samples"/>.</summary>
    public static byte[] Pcm16(short[] samples, int sampleRate, int channels) =>
        Build(TestAudio.ToBytes(samples), sampleRate, channels, bits: 16, formatTag: 1);

    /// <summary>A 32-bit float WAV.</summary>
    public static byte[] IeeeFloat(float[] samples, int sampleRate, int channels)
    {
        var data = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), samples[i]);
        }

        return Build(data, sampleRate, channels, bits: 32, formatTag: 3);
    }

    /// <summary>Mono 16 kHz speech resampled with sox and copied to <paramref name="channels"/> channels.</summary>
    public static short[] Spread(short[] mono16k, int sampleRate, int channels)
    {
        var resampled = sampleRate == 16000 ? mono16k : TestAudio.ResampleWithSox(mono16k, sampleRate);
        var interleaved = new short[resampled.Length * channels];
        for (var i = 0; i < resampled.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                interleaved[i * channels + c] = resampled[i];
            }
        }

        return interleaved;
    }

    /// <summary>Writes <paramref name="wav"/> to a temporary file and returns its path.</summary>
    public static string ToTempFile(byte[] wav, string extension = ".wav")
    {
        var path = Path.Combine(Path.GetTempPath(), $"cli-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, wav);
        return path;
    }

    private static byte[] Build(byte[] data, int sampleRate, int channels, int bits, ushort formatTag)
    {
        var wav = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), data.Length);
        data.CopyTo(wav, 44);
        return wav;
    }
}
