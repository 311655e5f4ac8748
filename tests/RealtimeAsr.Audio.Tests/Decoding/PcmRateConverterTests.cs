using RealtimeAsr.Testing;

namespace RealtimeAsr.Audio.Tests.Decoding;

/// <summary>The edge converter of the OpenAI dialect: 24 kHz PCM to the session's 16 kHz.</summary>
public sealed class PcmRateConverterTests
{
    private static byte[] Speech24k => TestAudio.ToBytes(TestAudio.ResampleWithSox(TestAudio.LibriVoxClips()[1].Samples[8000..8600], 24000));

    private static byte[] Convert(byte[] input, IEnumerable<int> chunkSizes)
    {
        using var converter = new PcmRateConverter(24000, 16000);
        var output = new List<byte>();
        var offset = 0;
        foreach (var size in chunkSizes.Append(input.Length))
        {
            var length = Math.Min(size, input.Length - offset);
            var destination = new byte[converter.MaxOutputBytes(length)];
            var written = converter.Convert(input.AsSpan(offset, length), destination);
            output.AddRange(destination.AsSpan(0, written));
            offset += length;
        }

        return [.. output];
    }

    [Fact]
    public void Splitting_the_input_anywhere_mid_sample_too_never_changes_the_output()
    {
        var bytes = Speech24k;
        var whole = Convert(bytes, []);
        for (var split = 1; split < bytes.Length; split += 7)
        {
            Assert.Equal(whole, Convert(bytes, [split]));
        }

        Assert.Equal(whole, Convert(bytes, Enumerable.Repeat(3, bytes.Length / 3)));
    }

    [Fact]
    public void Output_is_two_thirds_as_long_less_the_filter_delay()
    {
        var bytes = Speech24k;
        using var converter = new PcmRateConverter(24000, 16000);
        var output = Convert(bytes, []);

        var expectedSamples = bytes.Length / 2 * 2 / 3;
        Assert.InRange(output.Length / 2, expectedSamples - converter.MaxOutputBytes(0), expectedSamples);
    }
}
