using System.Buffers.Binary;

namespace RealtimeAsr.Client.Tests.Support;

/// <summary>Writes small WAV files for tests.</summary>
public static class WavBuilder
{
    /// <summary>A WAV with a 'fmt ' chunk (<paramref name="formatTag"/> 0xFFFE writes the extensible form) and the given sample bytes.</summary>
    public static byte[] Build(int sampleRate, int channels, int bits, byte[] data, ushort formatTag = 1, bool extraChunk = false, bool unknownLength = false)
    {
        using var stream = new MemoryStream();
        var header = new byte[12];
        "RIFF"u8.CopyTo(header);
        "WAVE"u8.CopyTo(header.AsSpan(8));
        stream.Write(header);
        var fmt = new byte[formatTag == 0xFFFE ? 40 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), sampleRate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        if (formatTag == 0xFFFE)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 1);
        }

        WriteChunk(stream, "fmt ", fmt);
        if (extraChunk)
        {
            WriteChunk(stream, "LIST", new byte[7]);
        }

        WriteChunkHeader(stream, "data", unknownLength ? uint.MaxValue : (uint)data.Length);
        stream.Write(data);
        if (extraChunk)
        {
            WriteChunk(stream, "id3 ", new byte[10]);
        }

        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string id, byte[] body)
    {
        WriteChunkHeader(stream, id, (uint)body.Length);
        stream.Write(body);
        if ((body.Length & 1) == 1)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteChunkHeader(Stream stream, string id, uint size)
    {
        var header = new byte[8];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), size);
        stream.Write(header);
    }
}
