using System.Buffers;
using RealtimeAsr.Audio.Tests.Support;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Audio.Tests.Decoding;

public sealed class OggOpusInputDecoderTests(ITestOutputHelper output)
{
    private static readonly Lazy<(short[] Source, byte[] Ogg)> s_speech = new(() =>
    {
        var source = TestAudio.LibriVoxClips()[0].Samples;
        return (source, TestAudio.EncodeOggOpus(source));
    });

    private static readonly Lazy<(short[] Source, byte[] Ogg)> s_shortSpeech = new(() =>
    {
        var source = TestAudio.LibriVoxClips()[1].Samples;
        return (source, TestAudio.EncodeOggOpus(source));
    });

    [Fact]
    public void Opusenc_speech_decodes_like_the_reference_decoder_with_the_source_length()
    {
        var (source, ogg) = s_speech.Value;
        using var decoder = new OggOpusInputDecoder();

        var decoded = Chunking.DecodeWhole(decoder, ogg);

        // Pre-skip and the last page's end trimming give back exactly the encoded samples.
        Assert.Equal(source.Length, decoded.Length);
        Assert.Equal(1, decoder.Header?.Channels);
        Assert.Equal(16000, decoder.Header?.InputSampleRate);

        // Sample for sample what libopus's opusdec produces.
        var reference = ExternalTools.DecodeOggOpus(ogg);
        var snrReference = Signal.SnrDb(reference, decoded);
        Assert.Equal(reference.Length, decoded.Length);
        Assert.Equal(0, Signal.BestLag(reference, decoded, maxLag: 200));

        // Opus is a perceptual codec: against the source, only correlation is high. opusenc's own resampling leaves the
        // decoded audio about one sample early, in libopus's decoder as in ours.
        var lag = Signal.BestLag(source, decoded, maxLag: 200);
        var correlation = Signal.Correlation(source, decoded, lag);
        var snrSource = Signal.SnrDb(source, decoded, lag);
        output.WriteLine($"Ogg Opus 32 kb/s, {ogg.Length} bytes for {source.Length / 16} ms: SNR {snrReference:F1} dB vs opusdec; "
            + $"vs source: lag {lag}, correlation {correlation:F3}, SNR {snrSource:F1} dB");
        Assert.True(snrReference > 40, $"SNR vs opusdec {snrReference:F1} dB");
        Assert.InRange(lag, -1, 1);
        Assert.True(correlation > 0.9, $"correlation {correlation:F3}");
    }

    [Fact]
    public void Byte_by_byte_equals_whole()
    {
        var (_, ogg) = s_shortSpeech.Value;
        using var whole = new OggOpusInputDecoder();
        var expected = Chunking.DecodeWhole(whole, ogg);

        using var decoder = new OggOpusInputDecoder();
        Assert.Equal(expected, Chunking.Decode(decoder, ogg, Chunking.Fixed(ogg.Length, 1)));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 300)]
    [InlineData(3, 5000)]
    [InlineData(4, 100_000)]
    public void Random_chunking_equals_whole(int seed, int maxChunk)
    {
        var (_, ogg) = s_shortSpeech.Value;
        using var whole = new OggOpusInputDecoder();
        var expected = Chunking.DecodeWhole(whole, ogg);

        using var decoder = new OggOpusInputDecoder();
        Assert.Equal(expected, Chunking.Decode(decoder, ogg, Chunking.Random(ogg.Length, maxChunk, seed)));
    }

    [Fact]
    public void Packets_continued_across_pages_decode_like_one_packet_per_page()
    {
        var packets = OpusPackets.Encode(TestAudio.LibriVoxClips()[1].Samples.AsSpan(0, 24000), 24000);
        byte[] Paginate(int segmentsPerPage) =>
            OggWriter.OpusStream(OggWriter.OpusHead(), OggWriter.OpusTags(), packets, OpusPackets.FrameSamples48k, segmentsPerPage);

        var expected = DecodeFresh(Paginate(255));
        Assert.Equal((packets.Count * OpusPackets.FrameSamples16k) - (312 / 3), expected.Length);
        foreach (var segmentsPerPage in new[] { 1, 2, 3, 17 })
        {
            Assert.Equal(expected, DecodeFresh(Paginate(segmentsPerPage)));
        }
    }

    [Theory]
    [InlineData(102_000, 255)]
    [InlineData(204_000, 510)]
    public void Packets_whose_length_is_a_multiple_of_255_end_with_an_empty_segment(int bitrate, int packetBytes)
    {
        var packets = OpusPackets.Encode(TestAudio.LibriVoxClips()[4].Samples.AsSpan(0, 8000), bitrate, constantBitrate: true);
        Assert.All(packets.Skip(1), p => Assert.Equal(packetBytes, p.Length));

        var onePerPage = DecodeFresh(OggWriter.OpusStream(OggWriter.OpusHead(), OggWriter.OpusTags(), packets, OpusPackets.FrameSamples48k, 255));
        var split = DecodeFresh(OggWriter.OpusStream(OggWriter.OpusHead(), OggWriter.OpusTags(), packets, OpusPackets.FrameSamples48k, 2));

        Assert.Equal((packets.Count * OpusPackets.FrameSamples16k) - 104, onePerPage.Length);
        Assert.Equal(onePerPage, split);
    }

    [Fact]
    public void Stereo_48kHz_input_is_downmixed_to_mono_16kHz()
    {
        var source = TestAudio.LibriVoxClips()[4].Samples;
        var at48k = ExternalTools.Resample(source, 16000, 48000);
        var stereo = new short[at48k.Length * 2];
        for (var i = 0; i < at48k.Length; i++)
        {
            // Right channel at half level: the downmix is their average.
            stereo[2 * i] = at48k[i];
            stereo[(2 * i) + 1] = (short)(at48k[i] / 2);
        }

        var ogg = ExternalTools.EncodeOggOpus(stereo, 48000, 2, "--bitrate", "64");
        using var decoder = new OggOpusInputDecoder();
        var decoded = Chunking.DecodeWhole(decoder, ogg);

        Assert.Equal(2, decoder.Header?.Channels);
        Assert.Equal(48000, decoder.Header?.InputSampleRate);
        Assert.InRange(decoded.Length, source.Length - 1, source.Length + 1);
        Assert.Equal(0, Signal.BestLag(source, decoded, maxLag: 200));
        var correlation = Signal.Correlation(source, decoded);
        output.WriteLine($"stereo 48 kHz → mono 16 kHz: correlation {correlation:F3}");
        Assert.True(correlation > 0.9, $"correlation {correlation:F3}");
    }

    [Fact]
    public void Chained_streams_decode_one_after_the_other()
    {
        var first = s_shortSpeech.Value;
        var second = TestAudio.EncodeOggOpus(TestAudio.LibriVoxClips()[4].Samples);
        var expected = DecodeFresh(first.Ogg).Concat(DecodeFresh(second)).ToArray();

        Assert.Equal(expected, DecodeFresh([.. first.Ogg, .. second]));
    }

    [Fact]
    public void Reset_starts_a_new_stream()
    {
        var (_, ogg) = s_shortSpeech.Value;
        var expected = DecodeFresh(ogg);
        using var decoder = new OggOpusInputDecoder();
        decoder.Decode(ogg.AsSpan(0, ogg.Length / 2), new ArrayBufferWriter<short>());

        decoder.Reset();

        Assert.Equal(expected, Chunking.DecodeWhole(decoder, ogg));
    }

    [Fact]
    public void Pre_skip_output_gain_and_end_trimming_follow_the_headers()
    {
        var packets = OpusPackets.Encode(TestAudio.LibriVoxClips()[4].Samples.AsSpan(0, 24000), 24000);
        var plain = DecodeFresh(OggWriter.OpusStream(OggWriter.OpusHead(preSkip: 0), OggWriter.OpusTags(), packets, 960, 255));
        Assert.Equal(packets.Count * 320, plain.Length);

        // Pre-skip counts 48 kHz samples: 3000 of them are the first 1000 samples at 16 kHz. Past the resampling
        // filter's reach (its history differs) the audio is the same.
        var skipped = DecodeFresh(OggWriter.OpusStream(OggWriter.OpusHead(preSkip: 3000), OggWriter.OpusTags(), packets, 960, 255));
        Assert.Equal(plain.Length - 1000, skipped.Length);
        Assert.Equal(plain.AsSpan(1100).ToArray(), skipped.AsSpan(100).ToArray());

        // -6.02 dB of output gain (Q7.8) halves the amplitude.
        var quieter = DecodeFresh(OggWriter.OpusStream(OggWriter.OpusHead(preSkip: 0, gain: -1541), OggWriter.OpusTags(), packets, 960, 255));
        Assert.Equal(plain.Length, quieter.Length);
        Assert.All(Enumerable.Range(0, plain.Length), i => Assert.InRange(quieter[i] - (plain[i] / 2.0), -1.01, 1.01));

        // A last-page granule position short of the decoded audio trims its end.
        var writer = new OggWriter();
        writer.WritePage(OggWriter.BeginningOfStream, 0, OggWriter.Segments(OggWriter.OpusHead(preSkip: 0)));
        writer.WritePage(0, 0, OggWriter.Segments(OggWriter.OpusTags()));
        writer.WritePage(OggWriter.EndOfStream, (3 * 960) - 300, [packets[0], packets[1], packets[2]]);
        var trimmed = DecodeFresh(writer.ToArray());
        Assert.Equal(960 - 100, trimmed.Length);
        Assert.Equal(plain.AsSpan(0, 800).ToArray(), trimmed.AsSpan(0, 800).ToArray());
    }

    [Fact]
    public void Raw_pcm_is_rejected_as_not_ogg()
    {
        var error = Assert.Throws<InvalidAudioException>(() => DecodeFresh(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples)));
        Assert.Contains("not an Ogg stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_page_fails_its_crc()
    {
        var ogg = (byte[])s_speech.Value.Ogg.Clone();
        ogg[ogg.Length / 2] ^= 0x10;

        var error = Assert.Throws<InvalidAudioException>(() => DecodeFresh(ogg));
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_between_pages_are_rejected()
    {
        var ogg = s_shortSpeech.Value.Ogg;
        var secondPage = ogg.AsSpan(4).IndexOf("OggS"u8) + 4;
        byte[] broken = [.. ogg.AsSpan(0, secondPage), 0, .. ogg.AsSpan(secondPage)];

        var error = Assert.Throws<InvalidAudioException>(() => DecodeFresh(broken));
        Assert.Contains($"at byte {secondPage}", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<byte[]>> MalformedStreams() => new()
    {
        { "not Opus", () => Stream(head: "OpusHeaX"u8.ToArray().Concat(new byte[11]).ToArray()) },
        { "truncated", () => Stream(head: OggWriter.OpusHead()[..15]) },
        { "OpusHead version", () => Stream(head: OggWriter.OpusHead(version: 0x10)) },
        { "Multistream", () => Stream(head: [.. OggWriter.OpusHead(channels: 2)[..18], 1, 2, 0, 0, 1]) },
        { "OpusTags", () => Stream(tags: "OpusTagz"u8.ToArray()) },
        { "Corrupt Opus packet", () => Stream(audio: [[0x03, 0x00]]) },
        { "beginning-of-stream", () => Pages(w => w.WritePage(0, 0, OggWriter.Segments(OggWriter.OpusHead()))) },
        { "another logical stream", () => Pages(w =>
            {
                WriteHeaders(w);
                w.SerialNumber++;
                w.WritePage(0, 960, [Silence20ms()]);
            }) },
        { "never started", () => Pages(w =>
            {
                WriteHeaders(w);
                w.WritePage(OggWriter.Continued, 960, [Silence20ms()]);
            }) },
        { "middle of one", () => Pages(w =>
            {
                WriteHeaders(w);
                w.WritePage(0, -1, [new byte[255]]);
                w.WritePage(0, 960, [Silence20ms()]);
            }) },
        { "does not begin a new one", () => Pages(w =>
            {
                WriteHeaders(w);
                w.WritePage(OggWriter.EndOfStream, 960, [Silence20ms()]);
                w.WritePage(0, 1920, [Silence20ms()]);
            }) },
    };

    [Theory]
    [MemberData(nameof(MalformedStreams))]
    public void Malformed_streams_throw_InvalidAudioException_saying_why(string expectedMessage, Func<byte[]> stream)
    {
        var error = Assert.Throws<InvalidAudioException>(() => DecodeFresh(stream()));
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Stream(byte[]? head = null, byte[]? tags = null, List<byte[]>? audio = null) =>
        OggWriter.OpusStream(head ?? OggWriter.OpusHead(), tags ?? OggWriter.OpusTags(), audio ?? [Silence20ms()], 960, 255);

    private static byte[] Pages(Action<OggWriter> write)
    {
        var writer = new OggWriter();
        write(writer);
        return writer.ToArray();
    }

    private static void WriteHeaders(OggWriter writer)
    {
        writer.WritePage(OggWriter.BeginningOfStream, 0, OggWriter.Segments(OggWriter.OpusHead()));
        writer.WritePage(0, 0, OggWriter.Segments(OggWriter.OpusTags()));
    }

    private static byte[] Silence20ms() => OpusPackets.Encode(new short[320], 16000)[0];

    private static short[] DecodeFresh(byte[] ogg)
    {
        using var decoder = new OggOpusInputDecoder();
        return Chunking.DecodeWhole(decoder, ogg);
    }
}
