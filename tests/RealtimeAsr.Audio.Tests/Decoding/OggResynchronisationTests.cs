using System.Buffers;
using System.Buffers.Binary;
using RealtimeAsr.Audio.Tests.Support;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Audio.Tests.Decoding;

/// <summary>
/// Damage in an Ogg Opus stream costs only the damaged part: the decoder resynchronises on the next valid page, reports
/// the damage once (the append that holds it throws <see cref="InvalidAudioException"/> after decoding all of it), and
/// the pages after it decode as in the intact stream.
/// </summary>
public sealed class OggResynchronisationTests
{
    private const int PacketsPerPage = 5;

    // 48 kHz pre-skip of OggWriter.OpusHead(), a third of it at 16 kHz.
    private const int PreSkip16k = 312 / 3;

    private static readonly Lazy<List<byte[]>> s_packets = new(() =>
        OpusPackets.Encode(TestAudio.LibriVoxClips()[0].Samples.AsSpan(0, 16000 * 3), 24000));

    /// <summary>Three seconds of speech, 20 ms packets, five packets (one segment each) per page after the two header pages.</summary>
    private static byte[] Stream(int segmentsPerPage = PacketsPerPage, uint serialNumber = 0x5EED) =>
        OggWriter.OpusStream(OggWriter.OpusHead(), OggWriter.OpusTags(), s_packets.Value, OpusPackets.FrameSamples48k, segmentsPerPage, serialNumber);

    private static short[] Intact => Decode(Stream(), [Stream().Length]).Samples;

    [Fact]
    public void A_corrupt_page_in_the_middle_loses_only_its_packets_and_the_pages_after_it_decode()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        var damaged = 10; // pages 0 and 1 are the headers: this one holds packets 40–44
        ogg[pages[damaged].Offset + pages[damaged].Length - 3] ^= 0x40;

        // Appends: everything before the damaged page, the damaged page, then the rest in two parts.
        var rest = pages[damaged + 1].Offset;
        var (samples, errors) = Decode(ogg, [pages[damaged].Offset, pages[damaged].Length, (ogg.Length - rest) / 2, ogg.Length - rest - ((ogg.Length - rest) / 2)]);

        var error = Assert.Single(errors);
        Assert.Equal(1, error.Append);
        Assert.Contains($"Ogg page at byte {pages[damaged].Offset} of the audio stream fails its CRC check", error.Message, StringComparison.Ordinal);
        AssertLostPackets(samples, firstLost: (damaged - 2) * PacketsPerPage, count: PacketsPerPage);
    }

    [Fact]
    public void A_corrupt_page_split_across_appends_is_reported_by_the_append_that_completes_it()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        var damaged = 6;
        ogg[pages[damaged].Offset + 40] ^= 0x01;
        var middle = pages[damaged].Offset + (pages[damaged].Length / 2);

        // The damaged page starts in append 0 and ends in append 1, which also holds the start of the next page.
        var (samples, errors) = Decode(ogg, [middle, pages[damaged + 1].Offset + 10 - middle, ogg.Length - pages[damaged + 1].Offset - 10]);

        Assert.Equal(1, Assert.Single(errors).Append);
        AssertLostPackets(samples, firstLost: (damaged - 2) * PacketsPerPage, count: PacketsPerPage);
    }

    public static TheoryData<string, byte[]> Garbage => new()
    {
        { "a zero byte", [0] },
        { "random bytes", RandomBytes(5000, seed: 1) },
        { "a partial capture pattern", "OgOggOg"u8.ToArray() },
        { "a capture pattern with a bad version", [.. "OggS"u8, 1, .. RandomBytes(40, seed: 2)] },
        // Claims reaching far past the pages that follow (beyond the end of the stream, even): the first valid page
        // inside a claim rejects it, without waiting for the claimed bytes.
        { "a fake page header claiming 64 KiB", FakePage(segments: 255, lacing: 255) },
        { "fake headers back to back", [.. FakePage(255, 255), .. FakePage(3, 10), .. "OggS"u8, .. FakePage(255, 40)] },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_between_pages_is_skipped_and_nothing_else_is_lost(string what, byte[] garbage)
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        var at = pages[7].Offset;
        byte[] broken = [.. ogg.AsSpan(0, at), .. garbage, .. ogg.AsSpan(at)];

        foreach (var chunks in new[] { [broken.Length], new[] { at + 1, broken.Length - at - 1 }, Sizes(Chunking.Random(broken.Length, 700, seed: 3)) })
        {
            var (samples, errors) = Decode(broken, chunks);

            Assert.True(errors.Count == 1, $"{what}: {string.Join(" | ", errors)}");
            Assert.Contains($"at byte {at} ", errors[0].Message, StringComparison.Ordinal);
            Assert.Equal(Intact, samples);
        }
    }

    [Fact]
    public void A_page_whose_length_field_is_damaged_is_rescanned_for_the_next_page()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        var damaged = 5;
        // The segment count now claims far more than the page holds, more than the whole stream: the pages that follow
        // lie inside the claimed size, and are found there.
        ogg[pages[damaged].Offset + 26] = 255;

        var (samples, errors) = Decode(ogg, Sizes(Chunking.Random(ogg.Length, 3000, seed: 4)));

        Assert.Single(errors);
        AssertLostPackets(samples, firstLost: (damaged - 2) * PacketsPerPage, count: PacketsPerPage);
    }

    [Fact]
    public void A_missing_page_is_reported_once_and_decoding_goes_on()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        var missing = 9;
        byte[] cut = [.. ogg.AsSpan(0, pages[missing].Offset), .. ogg.AsSpan(pages[missing + 1].Offset)];

        var (samples, errors) = Decode(cut, [pages[missing].Offset + 100, cut.Length - pages[missing].Offset - 100]);

        var error = Assert.Single(errors);
        Assert.Contains($"jumps from {missing} to {missing + 1}", error.Message, StringComparison.Ordinal);
        AssertLostPackets(samples, firstLost: (missing - 2) * PacketsPerPage, count: PacketsPerPage);
    }

    [Fact]
    public void A_lost_page_in_the_middle_of_packets_that_span_pages_drops_the_broken_packets_only()
    {
        // 20 ms packets of two segments (320 bytes), three segments per page: every other page ends in the middle of a
        // packet, and the page after it continues that packet.
        var packets = OpusPackets.Encode(TestAudio.LibriVoxClips()[0].Samples.AsSpan(0, 16000 * 2), 128000, constantBitrate: true);
        Assert.All(packets, p => Assert.InRange(p.Length, 256, 509));
        var ogg = OggWriter.OpusStream(OggWriter.OpusHead(), OggWriter.OpusTags(), packets, OpusPackets.FrameSamples48k, 3);
        var intact = Decode(ogg, [ogg.Length]).Samples;
        var pages = Pages(ogg);
        var damaged = 40;
        ogg[pages[damaged].Offset + 40] ^= 0x20;

        var (samples, errors) = Decode(ogg, Sizes(Chunking.Random(ogg.Length, 2000, seed: 5)));

        // This page holds one packet and the start of the next: the next page's continuation of it is skipped too.
        Assert.Single(errors);
        Assert.Equal(intact.Length - (2 * OpusPackets.FrameSamples16k), samples.Length);
        var snr = Signal.SnrDb(intact.AsSpan(intact.Length - 8000), samples.AsSpan(samples.Length - 8000));
        Assert.True(snr > 20, $"SNR of the last half second {snr:F1} dB");
    }

    [Fact]
    public void Random_chunking_of_a_damaged_stream_gives_the_same_audio()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        ogg[pages[4].Offset + 40] ^= 0x10;
        ogg[pages[12].Offset + 2] = (byte)'X';
        byte[] broken = [.. ogg.AsSpan(0, pages[20].Offset), .. RandomBytes(777, seed: 6), .. ogg.AsSpan(pages[20].Offset)];
        var whole = Decode(broken, [broken.Length]);
        Assert.Single(whole.Errors); // three damaged stretches, one append: one error

        foreach (var seed in new[] { 7, 8, 9 })
        {
            var chunked = Decode(broken, Sizes(Chunking.Random(broken.Length, 400, seed)));
            Assert.Equal(whole.Samples, chunked.Samples);
            Assert.InRange(chunked.Errors.Count, 1, 3);
        }

        Assert.Equal(whole.Samples, Decode(broken, Sizes(Chunking.Fixed(broken.Length, 1))).Samples);
    }

    [Fact]
    public void One_append_with_several_damaged_parts_says_so()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        ogg[pages[4].Offset + 40] ^= 0x10;
        ogg[pages[12].Offset + 40] ^= 0x10;

        var error = Assert.Single(Decode(ogg, [ogg.Length]).Errors);

        Assert.Contains($"byte {pages[4].Offset}", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 more damaged or unusable parts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_corrupt_first_page_the_stream_is_dropped_until_a_new_one_begins()
    {
        var first = Stream();
        first[Pages(first)[0].Offset + 30] ^= 0x01; // the OpusHead page
        var second = Stream(serialNumber: 0xB0B);
        byte[] both = [.. first, .. second];

        var (samples, errors) = Decode(both, [first.Length / 2, first.Length - (first.Length / 2), second.Length]);

        // One error for the damage; the first stream's other pages are its consequence, not reported again.
        Assert.Equal(0, Assert.Single(errors).Append);
        Assert.Equal(Intact, samples);
    }

    [Fact]
    public void When_the_end_of_stream_page_is_lost_the_next_chained_stream_still_decodes()
    {
        var first = Stream();
        var pages = Pages(first);
        first[pages[^1].Offset + pages[^1].Length - 3] ^= 0x01;
        var second = Stream(serialNumber: 0xB0B);

        var (samples, errors) = Decode([.. first, .. second], [first.Length, second.Length]);

        Assert.Equal(0, Assert.Single(errors).Append);
        Assert.Equal(Intact, samples.AsSpan(samples.Length - Intact.Length).ToArray());
    }

    [Fact]
    public void A_stream_chained_without_an_end_of_stream_page_is_reported_and_decoded()
    {
        var first = Stream();
        var withoutEnd = first[..Pages(first)[^1].Offset];
        var second = Stream(serialNumber: 0xB0B);

        var (samples, errors) = Decode([.. withoutEnd, .. second], [withoutEnd.Length, second.Length]);

        var error = Assert.Single(errors);
        Assert.Equal(1, error.Append);
        Assert.Contains("before the current one ended", error.Message, StringComparison.Ordinal);
        Assert.Equal(Intact, samples.AsSpan(samples.Length - Intact.Length).ToArray());
    }

    [Fact]
    public void Pages_of_another_logical_stream_are_refused_and_ours_go_on()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        var foreign = new OggWriter(serialNumber: 0xF00);
        foreign.WritePage(0, 0, [new byte[30]]);
        foreign.WritePage(0, 0, [new byte[30]]);
        var at = pages[8].Offset;
        byte[] interleaved = [.. ogg.AsSpan(0, at), .. foreign.ToArray(), .. ogg.AsSpan(at)];

        var (samples, errors) = Decode(interleaved, [at + 10, interleaved.Length - at - 10]);

        Assert.Contains("another logical stream", Assert.Single(errors).Message, StringComparison.Ordinal);
        Assert.Equal(Intact, samples);
    }

    [Fact]
    public void A_corrupt_opus_packet_is_dropped_and_the_next_ones_decode()
    {
        var packets = s_packets.Value.Take(50).ToList();
        packets[20] = [0x03, 0x00]; // code 3 with no frame count byte: malformed
        var ogg = OggWriter.OpusStream(OggWriter.OpusHead(), OggWriter.OpusTags(), packets, OpusPackets.FrameSamples48k, PacketsPerPage);

        var (samples, errors) = Decode(ogg, [ogg.Length / 2, ogg.Length - (ogg.Length / 2)]);

        Assert.Contains("Corrupt Opus packet", Assert.Single(errors).Message, StringComparison.Ordinal);
        Assert.Equal((49 * OpusPackets.FrameSamples16k) - PreSkip16k, samples.Length);
    }

    [Fact]
    public void Damage_in_later_appends_is_reported_again()
    {
        var ogg = Stream();
        var pages = Pages(ogg);
        ogg[pages[4].Offset + 40] ^= 0x10;
        ogg[pages[20].Offset + 40] ^= 0x10;

        var (samples, errors) = Decode(ogg, [pages[10].Offset, ogg.Length - pages[10].Offset]);

        Assert.Equal([0, 1], errors.Select(e => e.Append));
        Assert.Contains($"byte {pages[20].Offset}", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(Intact.Length - (2 * PacketsPerPage * OpusPackets.FrameSamples16k), samples.Length);
    }

    /// <summary>Decoding lost exactly <paramref name="count"/> packets from <paramref name="firstLost"/>: the same audio before them, and after them once the decoder has recovered.</summary>
    private static void AssertLostPackets(short[] samples, int firstLost, int count)
    {
        var intact = Intact;
        var lost = count * OpusPackets.FrameSamples16k;
        Assert.Equal(intact.Length - lost, samples.Length);

        // Up to the resampler's reach before the gap, the output is the intact stream's, sample for sample.
        var gap = (firstLost * OpusPackets.FrameSamples16k) - PreSkip16k;
        Assert.Equal(intact.AsSpan(0, gap - 100).ToArray(), samples.AsSpan(0, gap - 100).ToArray());

        // After it, Opus's own state converges within a few packets: the rest is the intact audio, shifted.
        var after = gap + 1600;
        var snr = Signal.SnrDb(intact.AsSpan(after + lost), samples.AsSpan(after));
        Assert.True(snr > 20, $"SNR after the gap {snr:F1} dB");
    }

    private static (short[] Samples, List<(int Append, string Message)> Errors) Decode(byte[] data, IEnumerable<int> sizes)
    {
        using var decoder = new OggOpusInputDecoder();
        var output = new ArrayBufferWriter<short>();
        var errors = new List<(int, string)>();
        var offset = 0;
        var append = 0;
        foreach (var size in sizes)
        {
            try
            {
                decoder.Decode(data.AsSpan(offset, size), output);
            }
            catch (InvalidAudioException e)
            {
                errors.Add((append, e.Message));
            }

            offset += size;
            append++;
        }

        Assert.Equal(data.Length, offset);
        return (output.WrittenSpan.ToArray(), errors);
    }

    private static int[] Sizes(IEnumerable<(int Offset, int Length)> chunks) => chunks.Select(c => c.Length).ToArray();

    /// <summary>Offsets and lengths of the pages of an undamaged stream, from their headers.</summary>
    private static List<(int Offset, int Length)> Pages(byte[] ogg)
    {
        var pages = new List<(int, int)>();
        for (var offset = 0; offset < ogg.Length;)
        {
            var segments = ogg[offset + 26];
            var length = 27 + segments + ogg.AsSpan(offset + 27, segments).ToArray().Sum(b => b);
            pages.Add((offset, length));
            offset += length;
        }

        return pages;
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A page header and segment table of our stream's serial number, without a body or a valid checksum.</summary>
    private static byte[] FakePage(int segments, byte lacing)
    {
        var header = new byte[27 + segments];
        "OggS"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), 0x5EED);
        header[26] = (byte)segments;
        header.AsSpan(27).Fill(lacing);
        return header;
    }
}
