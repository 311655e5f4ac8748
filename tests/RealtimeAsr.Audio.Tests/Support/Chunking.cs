using System.Buffers;

namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>Feeds data to decoders and detectors in different chunkings.</summary>
internal static class Chunking
{
    /// <summary>Chunk lengths in [0, <paramref name="maxChunk"/>] (zero-length chunks included) covering <paramref name="total"/>.</summary>
    public static IEnumerable<(int Offset, int Length)> Random(int total, int maxChunk, int seed)
    {
        var random = new Random(seed);
        for (var offset = 0; offset < total;)
        {
            var length = Math.Min(total - offset, random.Next(0, maxChunk + 1));
            yield return (offset, length);
            offset += length;
        }
    }

    public static short[] Decode(IAudioInputDecoder decoder, byte[] data, IEnumerable<(int Offset, int Length)> chunks)
    {
        var output = new ArrayBufferWriter<short>();
        foreach (var (offset, length) in chunks)
        {
            decoder.Decode(data.AsSpan(offset, length), output);
        }

        return output.WrittenSpan.ToArray();
    }

    public static short[] DecodeWhole(IAudioInputDecoder decoder, byte[] data) => Decode(decoder, data, [(0, data.Length)]);

    public static IEnumerable<(int Offset, int Length)> Fixed(int total, int chunk)
    {
        for (var offset = 0; offset < total; offset += chunk)
        {
            yield return (offset, Math.Min(chunk, total - offset));
        }
    }
}
