using System.Buffers;
using Concentus;
using RealtimeAsr.Audio.Ogg;

namespace RealtimeAsr.Audio;

/// <summary>
/// Decodes <c>opus</c> input: an Ogg Opus stream (RFC 7845) arriving in arbitrary pieces, decoded to mono (stereo is
/// downmixed by the Opus decoder) at 16 kHz. Honours pre-skip, end trimming on the last page and output gain.
/// One logical stream at a time: streams chained one after another are decoded in turn; interleaved (multiplexed)
/// streams are rejected. After an <see cref="InvalidAudioException"/> the decoder must be <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// Packets are decoded at 48 kHz and resampled to 16 kHz. Concentus 2.2 decodes hybrid (SILK+CELT) packets, which
/// opusenc and browsers produce for wideband speech, to silence when asked for a rate below 48 kHz
/// (lostromb/concentus#67); at 48 kHz every mode decodes correctly, and the decoder's timeline is in 48 kHz samples anyway.
/// </remarks>
public sealed class OggOpusInputDecoder : IAudioInputDecoder
{
    /// <summary>The largest Opus packet accepted, in bytes: 120 ms of the densest frames, with room for padding.</summary>
    public const int MaxPacketSize = 128 * 1024;

    // Opus timestamps (pre-skip, granule positions) count samples at this rate, the one we decode at.
    private const int OpusRate = 48000;

    // 120 ms, the longest Opus packet.
    private const int MaxPacketSamples = OpusRate / 1000 * 120;

    private const int RateRatio = OpusRate / AudioFormat.EngineSampleRate;

    private static readonly byte[] s_tagsMagic = "OpusTags"u8.ToArray();

    private readonly OggPageReader _pages = new();
    private readonly IOpusDecoder _decoder;
    private readonly StreamingResampler _downsampler = new(OpusRate, AudioFormat.EngineSampleRate, Pcm16InputDecoder.ResamplerQuality);
    private readonly short[] _pcm = new short[MaxPacketSamples];
    private readonly ArrayBufferWriter<short> _resampled = new((MaxPacketSamples / RateRatio) + 64);
    private byte[] _packet = new byte[1024];
    private int _packetLength;
    private bool _packetContinues;
    private Stage _stage = Stage.ExpectHeader;
    private uint _serialNumber;
    private float _gain = 1;

    // Per logical stream. At 48 kHz: the stream's timeline (pre-skip included) and the window of it that is audio.
    private long _decodedSamples;
    private long _preSkipSamples;
    private long _endSamples = long.MaxValue;
    private long _keptSamples;

    // At 16 kHz: samples written for the stream.
    private long _writtenSamples;

    /// <summary>Creates a decoder that expects the first byte of an Ogg Opus stream.</summary>
    public OggOpusInputDecoder()
    {
        _decoder = OpusCodecFactory.CreateDecoder(OpusRate, 1, null);
    }

    private enum Stage
    {
        ExpectHeader,
        ExpectTags,
        Audio,
        Ended,
    }

    /// <summary>The identification header of the current stream, once its first page has been read.</summary>
    public OpusHeader? Header { get; private set; }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> data, IBufferWriter<short> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (_pages.TryReadPage(ref data, out var page))
        {
            ReadPage(page, output);
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        _pages.Reset();
        _packetLength = 0;
        _packetContinues = false;
        _stage = Stage.ExpectHeader;
        Header = null;
        _decoder.ResetState();
        _downsampler.Reset();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _decoder.Dispose();
        _downsampler.Dispose();
    }

    private void ReadPage(OggPage page, IBufferWriter<short> output)
    {
        if (_stage is Stage.ExpectHeader or Stage.Ended)
        {
            if (!page.IsBeginningOfStream)
            {
                throw new InvalidAudioException(_stage == Stage.Ended
                    ? $"Ogg page at byte {page.StreamOffset} follows the end of the Opus stream but does not begin a new one."
                    : "The Ogg stream does not start with a beginning-of-stream page.");
            }

            StartStream(page.SerialNumber);
        }
        else if (page.SerialNumber != _serialNumber || page.IsBeginningOfStream)
        {
            throw new InvalidAudioException(
                $"Ogg page at byte {page.StreamOffset} belongs to another logical stream; multiplexed Ogg streams are not supported, send one Opus stream.");
        }

        if (page.IsContinued != _packetContinues)
        {
            throw new InvalidAudioException(page.IsContinued
                ? $"Ogg page at byte {page.StreamOffset} continues a packet that was never started."
                : $"Ogg page at byte {page.StreamOffset} starts a new packet, but the previous page ended in the middle of one.");
        }

        if (page.IsEndOfStream && page.GranulePosition >= 0)
        {
            // The last page's granule position marks the true end: the decoder pads the final packet.
            _endSamples = page.GranulePosition;
        }

        var body = page.Body;
        foreach (var lacing in page.SegmentTable)
        {
            AppendToPacket(body[..lacing], page.StreamOffset);
            body = body[lacing..];
            if (lacing < 255)
            {
                ReadPacket(_packet.AsSpan(0, _packetLength), page.StreamOffset, output);
                _packetLength = 0;
            }
        }

        _packetContinues = page.SegmentTable.Length > 0 && page.SegmentTable[^1] == 255;
        if (page.IsEndOfStream)
        {
            if (_packetContinues)
            {
                throw new InvalidAudioException($"The Opus stream ends in the middle of a packet (page at byte {page.StreamOffset}).");
            }

            _stage = Stage.Ended;
            DrainDownsampler(output);
        }
    }

    private void StartStream(uint serialNumber)
    {
        _serialNumber = serialNumber;
        _stage = Stage.ExpectHeader;
        _decodedSamples = 0;
        _keptSamples = 0;
        _writtenSamples = 0;
        _endSamples = long.MaxValue;
        _decoder.ResetState();
        _downsampler.Reset();
    }

    private void AppendToPacket(ReadOnlySpan<byte> segment, long pageOffset)
    {
        if (_stage == Stage.ExpectTags)
        {
            // Only the magic matters; comments (which can be large) are skipped without buffering them.
            segment = segment[..Math.Min(segment.Length, Math.Max(0, s_tagsMagic.Length - _packetLength))];
        }

        var length = _packetLength + segment.Length;
        if (length > MaxPacketSize)
        {
            throw new InvalidAudioException($"Opus packet in the Ogg page at byte {pageOffset} exceeds {MaxPacketSize} bytes.");
        }

        if (length > _packet.Length)
        {
            Array.Resize(ref _packet, Math.Min(MaxPacketSize, Math.Max(length, _packet.Length * 2)));
        }

        segment.CopyTo(_packet.AsSpan(_packetLength));
        _packetLength = length;
    }

    private void ReadPacket(ReadOnlySpan<byte> packet, long pageOffset, IBufferWriter<short> output)
    {
        switch (_stage)
        {
            case Stage.ExpectHeader:
                var header = OpusHeader.Parse(packet);
                Header = header;
                _preSkipSamples = header.PreSkip;
                _gain = header.OutputGain == 0 ? 1 : MathF.Pow(10, header.OutputGain / (256f * 20f));
                _stage = Stage.ExpectTags;
                break;
            case Stage.ExpectTags:
                if (!packet.SequenceEqual(s_tagsMagic))
                {
                    throw new InvalidAudioException("The Opus stream's second packet is not an 'OpusTags' comment header.");
                }

                _stage = Stage.Audio;
                break;
            default:
                DecodeAudio(packet, pageOffset, output);
                break;
        }
    }

    private void DecodeAudio(ReadOnlySpan<byte> packet, long pageOffset, IBufferWriter<short> output)
    {
        if (packet.IsEmpty)
        {
            // RFC 7845 lets a muxer drop a packet's data; there is nothing to decode and no duration to infer.
            return;
        }

        int count;
        try
        {
            count = _decoder.Decode(packet, _pcm, MaxPacketSamples, false);
        }
        catch (OpusException e)
        {
            throw new InvalidAudioException($"Corrupt Opus packet in the Ogg page at byte {pageOffset}: {e.Message}", e);
        }

        // Keep only samples in [pre-skip, end) of the stream's timeline.
        var first = (int)Math.Clamp(_preSkipSamples - _decodedSamples, 0, count);
        var last = (int)Math.Clamp(_endSamples - _decodedSamples, first, count);
        _decodedSamples += count;
        _keptSamples += last - first;
        Write(_pcm.AsSpan(first, last - first), output, int.MaxValue);
    }

    // At the end of a stream, pushes silence through the filter to release the audio it holds back, up to exactly the
    // stream's length at 16 kHz, and readies it for a chained stream.
    private void DrainDownsampler(IBufferWriter<short> output)
    {
        var expected = CeilingDivide(_keptSamples, RateRatio);
        Array.Clear(_pcm);
        while (_writtenSamples < expected)
        {
            var missing = expected - _writtenSamples;
            var zeros = _pcm.AsSpan(0, (int)Math.Min(_pcm.Length, (missing * RateRatio) + _downsampler.InputLatency));
            Write(zeros, output, missing);
        }

        _downsampler.Reset();
    }

    private void Write(Span<short> samples48k, IBufferWriter<short> output, long limit)
    {
        if (samples48k.IsEmpty)
        {
            return;
        }

        _resampled.ResetWrittenCount();
        _downsampler.Process(samples48k, _resampled);
        var samples = _resampled.WrittenSpan[..(int)Math.Min(_resampled.WrittenCount, limit)];
        var destination = output.GetSpan(samples.Length)[..samples.Length];
        samples.CopyTo(destination);
        if (_gain != 1)
        {
            ApplyGain(destination, _gain);
        }

        output.Advance(samples.Length);
        _writtenSamples += samples.Length;
    }

    private static void ApplyGain(Span<short> samples, float gain)
    {
        foreach (ref var sample in samples)
        {
            sample = (short)Math.Clamp(MathF.Round(sample * gain), short.MinValue, short.MaxValue);
        }
    }

    private static long CeilingDivide(long value, long divisor) => (value + divisor - 1) / divisor;
}
