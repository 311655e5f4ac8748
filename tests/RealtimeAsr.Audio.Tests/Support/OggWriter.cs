using System.Buffers.Binary;

namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>
/// Writes Ogg pages for tests, independently of the product's demuxer (its own bitwise CRC), so that streams can be
/// paginated in unusual but legal ways, or broken on purpose.
/// </summary>
internal sealed class OggWriter
{
    public const byte Continued = 0x01;
    public const byte BeginningOfStream = 0x02;
    public const byte EndOfStream = 0x04;

    private readonly List<byte> _bytes = [];
    private int _sequence;

    public OggWriter(uint serialNumber = 0x5EED)
    {
        SerialNumber = serialNumber;
    }

    public uint SerialNumber { get; set; }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>Writes one page holding exactly <paramref name="segments"/> (each at most 255 bytes) and returns its offset.</summary>
    public int WritePage(byte flags, long granulePosition, IReadOnlyList<byte[]> segments, bool corruptChecksum = false)
    {
        var offset = _bytes.Count;
        var page = new List<byte>();
        var header = new byte[27];
        "OggS"u8.CopyTo(header);
        header[5] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(6), granulePosition);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), SerialNumber);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(18), _sequence++);
        header[26] = (byte)segments.Count;
        page.AddRange(header);
        page.AddRange(segments.Select(s => (byte)s.Length));
        foreach (var segment in segments)
        {
            page.AddRange(segment);
        }

        var bytes = page.ToArray();
        var crc = Crc(bytes) ^ (corruptChecksum ? 1u : 0u);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(22), crc);
        _bytes.AddRange(bytes);
        return offset;
    }

    /// <summary>Lacing: a packet is 255-byte segments and a final shorter one (empty when its length is a multiple of 255).</summary>
    public static List<byte[]> Segments(byte[] packet)
    {
        var segments = new List<byte[]>();
        var offset = 0;
        while (packet.Length - offset >= 255)
        {
            segments.Add(packet[offset..(offset + 255)]);
            offset += 255;
        }

        segments.Add(packet[offset..]);
        return segments;
    }

    /// <summary>
    /// An Ogg Opus stream: the two header packets on their own pages, then the audio packets laced into pages of at most
    /// <paramref name="segmentsPerPage"/> segments, so that packets continue across pages when it is small.
    /// </summary>
    public static byte[] OpusStream(byte[] head, byte[] tags, IReadOnlyList<byte[]> packets, int samplesPerPacket48k, int segmentsPerPage, uint serialNumber = 0x5EED)
    {
        var writer = new OggWriter(serialNumber);
        writer.WritePage(BeginningOfStream, 0, Segments(head));
        writer.WritePage(0, 0, Segments(tags));

        var pending = new List<byte[]>();
        var continued = false;
        long granule = 0;
        long pageGranule = -1;
        for (var p = 0; p < packets.Count; p++)
        {
            var segments = Segments(packets[p]);
            for (var s = 0; s < segments.Count; s++)
            {
                pending.Add(segments[s]);
                if (s == segments.Count - 1)
                {
                    granule += samplesPerPacket48k;
                    pageGranule = granule;
                }

                var last = p == packets.Count - 1 && s == segments.Count - 1;
                if (pending.Count == segmentsPerPage || last)
                {
                    writer.WritePage((byte)((continued ? Continued : 0) | (last ? EndOfStream : 0)), pageGranule, pending);
                    continued = s != segments.Count - 1;
                    pending = [];
                    pageGranule = -1;
                }
            }
        }

        return writer.ToArray();
    }

    public static byte[] OpusHead(int channels = 1, int preSkip = 312, int inputRate = 16000, short gain = 0, byte version = 1)
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = version;
        head[9] = (byte)channels;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)preSkip);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(12), inputRate);
        BinaryPrimitives.WriteInt16LittleEndian(head.AsSpan(16), gain);
        return head;
    }

    public static byte[] OpusTags()
    {
        var vendor = "test"u8;
        var tags = new byte[8 + 4 + vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteInt32LittleEndian(tags.AsSpan(8), vendor.Length);
        vendor.CopyTo(tags.AsSpan(12));
        return tags;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0;
        foreach (var b in bytes)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
        }

        return crc;
    }
}
