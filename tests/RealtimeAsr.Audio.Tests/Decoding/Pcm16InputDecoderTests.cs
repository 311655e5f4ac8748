using System.Buffers;
using RealtimeAsr.Audio.Tests.Support;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Audio.Tests.Decoding;

public sealed class Pcm16InputDecoderTests(ITestOutputHelper output)
{
    private static short[] Speech16k => TestAudio.LibriVoxClips()[1].Samples;

    [Fact]
    public void Pcm_at_16kHz_passes_samples_through()
    {
        var samples = Speech16k;
        using var decoder = new Pcm16InputDecoder(16000);

        Assert.Equal(samples, Chunking.DecodeWhole(decoder, TestAudio.ToBytes(samples)));
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    public void Split_at_every_byte_boundary_equals_unsplit(int sampleRate)
    {
        // 600 samples of real speech: every split point, odd (mid-sample) and even.
        var bytes = TestAudio.ToBytes(Speech16k.AsSpan(8000, 600));
        using var whole = new Pcm16InputDecoder(sampleRate);
        var expected = Chunking.DecodeWhole(whole, bytes);

        for (var split = 0; split <= bytes.Length; split++)
        {
            using var decoder = new Pcm16InputDecoder(sampleRate);
            var actual = Chunking.Decode(decoder, bytes, [(0, split), (split, bytes.Length - split)]);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"split at byte {split}");
        }
    }

    [Theory]
    [InlineData(16000, 1)]
    [InlineData(16000, 7)]
    [InlineData(8000, 1)]
    [InlineData(8000, 333)]
    [InlineData(8000, 9001)]
    public void Random_chunking_equals_unsplit(int sampleRate, int seed)
    {
        var bytes = TestAudio.ToBytes(Speech16k);
        using var whole = new Pcm16InputDecoder(sampleRate);
        var expected = Chunking.DecodeWhole(whole, bytes);

        using var decoder = new Pcm16InputDecoder(sampleRate);
        var actual = Chunking.Decode(decoder, bytes, Chunking.Random(bytes.Length, maxChunk: seed % 2 == 1 ? 37 : 20000, seed));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Upsampled_8kHz_speech_matches_the_original_and_sox()
    {
        var original = TestAudio.LibriVoxClips()[0].Samples;
        var narrowband = TestAudio.ResampleWithSox(original, 8000);
        using var decoder = new Pcm16InputDecoder(8000);

        var upsampled = Chunking.Decode(decoder, TestAudio.ToBytes(narrowband), Chunking.Fixed(narrowband.Length * 2, 640));

        // Aligned with the input (no filter delay at the start); only the filter's tail is still held back.
        Assert.Equal((2 * narrowband.Length) - (2 * decoder.HeldBackSamples), upsampled.Length);
        Assert.Equal(0, Signal.BestLag(original, upsampled, maxLag: 40));

        // Against the 16 kHz original the error is dominated by the 4–8 kHz band that 8 kHz audio cannot carry;
        // against sox's own upsampling of the same 8 kHz audio it is the difference between two good filters.
        var soxUpsampled = ExternalTools.Resample(narrowband, 8000, 16000);
        var snrOriginal = Signal.SnrDb(original, upsampled);
        var snrSox = Signal.SnrDb(soxUpsampled, upsampled);
        var lowband = ExternalTools.Resample(ExternalTools.Resample(original, 16000, 8000), 8000, 16000);
        output.WriteLine($"8 kHz → 16 kHz: SNR {snrOriginal:F1} dB vs the 16 kHz original, {snrSox:F1} dB vs sox upsampling; "
            + $"sox's own round trip scores {Signal.SnrDb(original, lowband):F1} dB vs the original");
        Assert.True(snrOriginal > 15, $"SNR vs original {snrOriginal:F1} dB");
        Assert.True(snrSox > 30, $"SNR vs sox {snrSox:F1} dB");
    }

    [Fact]
    public void Reset_drops_a_pending_odd_byte_and_filter_memory()
    {
        var bytes = TestAudio.ToBytes(Speech16k.AsSpan(0, 4000));
        using var fresh = new Pcm16InputDecoder(8000);
        var expected = Chunking.DecodeWhole(fresh, bytes);

        using var decoder = new Pcm16InputDecoder(8000);
        Chunking.DecodeWhole(decoder, TestAudio.ToBytes(Speech16k.AsSpan(20000, 999))[..1997]);
        decoder.Reset();

        Assert.Equal(expected, Chunking.DecodeWhole(decoder, bytes));
    }

    [Fact]
    public void Empty_and_single_byte_chunks_produce_nothing_until_a_sample_completes()
    {
        using var decoder = new Pcm16InputDecoder(16000);
        var output = new ArrayBufferWriter<short>();

        decoder.Decode([], output);
        decoder.Decode([0x34], output);
        Assert.Equal(0, output.WrittenCount);

        decoder.Decode([0x12, 0xFF], output);
        Assert.Equal([0x1234], output.WrittenSpan.ToArray());
        decoder.Decode([0x80], output);
        Assert.Equal([0x1234, unchecked((short)0x80FF)], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Rejects_unsupported_sample_rates() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pcm16InputDecoder(44100));
}
