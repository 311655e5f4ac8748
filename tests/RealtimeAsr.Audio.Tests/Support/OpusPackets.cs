using Concentus;
using Concentus.Enums;

namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>Raw Opus packets of 16 kHz mono audio, 20 ms each, encoded with Concentus for hand-made Ogg streams.</summary>
internal static class OpusPackets
{
    public const int FrameSamples16k = 320;
    public const int FrameSamples48k = 960;

    /// <summary>Encodes whole 20 ms frames; <paramref name="constantBitrate"/> fixes every packet at bitrate / 400 bytes.</summary>
    public static List<byte[]> Encode(ReadOnlySpan<short> samples, int bitrate, bool constantBitrate = false)
    {
        using var encoder = OpusCodecFactory.CreateEncoder(16000, 1, OpusApplication.OPUS_APPLICATION_VOIP, null);
        encoder.Bitrate = bitrate;
        encoder.UseVBR = !constantBitrate;
        // The managed encoder is slow at its default complexity; these packets only need to be valid.
        encoder.Complexity = 1;
        var packets = new List<byte[]>();
        var buffer = new byte[1275];
        for (var offset = 0; offset + FrameSamples16k <= samples.Length; offset += FrameSamples16k)
        {
            var length = encoder.Encode(samples.Slice(offset, FrameSamples16k), FrameSamples16k, buffer, buffer.Length);
            packets.Add(buffer[..length]);
        }

        return packets;
    }
}
