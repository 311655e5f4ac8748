using System.Buffers.Binary;

namespace RealtimeAsr.Audio;

/// <summary>The identification header (<c>OpusHead</c>) that opens every Ogg Opus stream (RFC 7845 §5.1).</summary>
/// <param name="Channels">Channels the encoder coded (decoded here to mono).</param>
/// <param name="PreSkip">48 kHz samples to drop from the start of the decoded audio (encoder delay).</param>
/// <param name="InputSampleRate">Rate of the encoder's original input, in hertz; informational only (0 if unknown).</param>
/// <param name="OutputGain">Gain to apply to the decoded audio, in 1/256 dB.</param>
/// <param name="MappingFamily">Channel mapping family: 0 for one mono or stereo Opus stream.</param>
public readonly record struct OpusHeader(int Channels, int PreSkip, int InputSampleRate, short OutputGain, int MappingFamily)
{
    private const int MinimumSize = 19;

    /// <summary>Parses the first packet of a stream; throws <see cref="InvalidAudioException"/> if it is not a usable <c>OpusHead</c>.</summary>
    public static OpusHeader Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 8 || !packet[..8].SequenceEqual("OpusHead"u8))
        {
            throw new InvalidAudioException("The Ogg stream is not Opus: its first packet is not an 'OpusHead' identification header.");
        }

        if (packet.Length < MinimumSize)
        {
            throw new InvalidAudioException($"The OpusHead header is truncated ({packet.Length} bytes, at least {MinimumSize} expected).");
        }

        var version = packet[8];
        if (version >> 4 != 0)
        {
            // Only the major version (upper nibble) breaks compatibility (RFC 7845 §5.1).
            throw new InvalidAudioException($"Unsupported OpusHead version {version}.");
        }

        var header = new OpusHeader(
            Channels: packet[9],
            PreSkip: BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]),
            InputSampleRate: (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(packet[12..])),
            OutputGain: BinaryPrimitives.ReadInt16LittleEndian(packet[16..]),
            MappingFamily: packet[18]);
        if (header.Channels == 0)
        {
            throw new InvalidAudioException("The OpusHead header declares 0 channels.");
        }

        if (header.MappingFamily == 0)
        {
            if (header.Channels > 2)
            {
                throw new InvalidAudioException($"The OpusHead header declares {header.Channels} channels with mapping family 0, which allows 1 or 2.");
            }
        }
        else
        {
            // Families 1 and 255 may pack several Opus streams in one packet; a single stream decodes like family 0.
            if (packet.Length < MinimumSize + 2 + header.Channels)
            {
                throw new InvalidAudioException("The OpusHead header is truncated: its channel mapping table is missing.");
            }

            var streamCount = packet[19];
            if (streamCount != 1 || header.Channels > 2)
            {
                throw new InvalidAudioException(
                    $"Multistream Opus ({header.Channels} channels in {streamCount} streams, mapping family {header.MappingFamily}) is not supported; send mono or stereo Opus.");
            }
        }

        return header;
    }
}
