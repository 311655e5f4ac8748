using System.Buffers.Binary;
using System.Text;

namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>The WAV file a window is sent as: a canonical 44-byte PCM header, then the samples unchanged.</summary>
public sealed class WavFileTests
{
    [Fact]
    public void The_header_says_16_kHz_mono_16_bit_PCM_and_the_samples_follow_unchanged()
    {
        short[] samples = [0, 1, -1, short.MaxValue, short.MinValue, 12345];

        var file = WavFile.Encode(samples);

        Assert.Equal(44 + (samples.Length * 2), file.Length);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal(file.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(file, 8, 8));
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(22)));
        Assert.Equal(16000, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(32000, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(28)));
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(34)));
        Assert.Equal("data", Encoding.ASCII.GetString(file, 36, 4));
        Assert.Equal(samples.Length * 2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(40)));
        var read = Enumerable.Range(0, samples.Length).Select(i => BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(44 + (2 * i)))).ToArray();
        Assert.Equal(samples, read);
    }

    [Fact]
    public void A_30_second_window_stays_far_under_the_25_MB_upload_cap()
    {
        var file = WavFile.Encode(new short[30 * 16000]);

        Assert.Equal(960_044, file.Length);
        Assert.True(WavFile.Encode(new short[(int)OpenAIEngineOptions.MaxRequestAudio.TotalSeconds * 16000]).Length < 25_000_000);
    }
}
