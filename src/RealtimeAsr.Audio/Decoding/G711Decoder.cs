using System.Buffers.Binary;

namespace RealtimeAsr.Audio;

/// <summary>
/// Expands ITU-T G.711 bytes (μ-law or A-law, one byte per sample at 8 kHz) into 16-bit signed little-endian PCM, two
/// bytes per sample. Stateless: every byte is one whole sample, so chunks may be split anywhere.
/// </summary>
public static class G711Decoder
{
    private static readonly short[] MuLawTable = BuildTable(DecodeMuLaw);
    private static readonly short[] ALawTable = BuildTable(DecodeALaw);

    /// <summary>Writes one PCM16 sample per byte of <paramref name="encoded"/> into <paramref name="pcm"/>, which must hold twice as many bytes.</summary>
    /// <param name="encoded">The G.711 bytes.</param>
    /// <param name="aLaw"><see langword="true"/> for A-law (G.711 PCMA), <see langword="false"/> for μ-law (PCMU).</param>
    /// <param name="pcm">The destination, 16-bit little-endian samples.</param>
    public static void Decode(ReadOnlySpan<byte> encoded, bool aLaw, Span<byte> pcm)
    {
        if (pcm.Length < encoded.Length * 2)
        {
            throw new ArgumentException("The destination must hold two bytes per encoded byte.", nameof(pcm));
        }

        var table = aLaw ? ALawTable : MuLawTable;
        for (var i = 0; i < encoded.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.Slice(i * 2, 2), table[encoded[i]]);
        }
    }

    private static short[] BuildTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    // G.711 §2: the byte is stored complemented; sign, 3-bit exponent (segment), 4-bit mantissa, with a bias of 132.
    private static short DecodeMuLaw(byte value)
    {
        var u = ~value & 0xFF;
        var magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (short)((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
    }

    // G.711 §3: even bits inverted (0x55); segment 0 is linear, the others carry an implicit leading one.
    private static short DecodeALaw(byte value)
    {
        var a = value ^ 0x55;
        var segment = (a & 0x70) >> 4;
        var magnitude = ((a & 0x0F) << 4) + 8;
        if (segment != 0)
        {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }

        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
