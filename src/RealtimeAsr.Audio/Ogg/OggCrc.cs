namespace RealtimeAsr.Audio.Ogg;

/// <summary>The Ogg page checksum: CRC-32 with polynomial 0x04C11DB7, not reflected, initial value 0, no final XOR.</summary>
internal static class OggCrc
{
    private static readonly uint[] s_table = CreateTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = (crc << 8) ^ s_table[(int)((crc >> 24) ^ b)];
        }

        return crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
