using System.Buffers;
using System.Globalization;
using Concentus;
using RealtimeAsr.Audio.Ogg;

namespace RealtimeAsr.Audio;

/// <summary>
/// Decodes <c>opus</c> input: an Ogg Opus stream (RFC 7845) arriving in arbitrary pieces, decoded to mono (stereo is
/// downmixed by the Opus decoder) at 16 kHz. Honours pre-skip, end trimming on the last page and output gain.
/// One logical stream at a time: streams chained one after another are decoded in turn; pages of interleaved
/// (multiplexed) streams are refused.
/// </summary>
/// <remarks>
/// <para>
/// Damage does not end the stream. The page reader resynchronises on the next valid page; pages lost on the way (a
/// gap in the page sequence) take the packets they held or finished with them; a corrupt packet is dropped; pages that
/// cannot be used (before a stream's headers, of another stream) are dropped. Each damaged stretch is reported once: the
/// call that found it throws <see cref="InvalidAudioException"/>, after decoding all of its data, and the decoder goes
/// on with the next call. While the decoder waits for the stream to make sense again (for instance for a new
/// beginning-of-stream page after the headers were lost) it drops pages without reporting them again.
/// </para>
/// <para>
/// Packets are decoded at 48 kHz and resampled to 16 kHz. Concentus 2.2 decodes hybrid (SILK+CELT) packets, which
/// opusenc and browsers produce for wideband speech, to silence when asked for a rate below 48 kHz
/// (lostromb/concentus#67); at 48 kHz every mode decodes correctly, and the decoder's timeline is in 48 kHz samples anyway.
/// </para>
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

    // The segments up to the end of the current packet are dropped (its start was lost, or it is too large).
    private bool _skippingPacket;
    private Stage _stage = Stage.ExpectHeader;
    private uint _serialNumber;
    private uint _nextSequenceNumber;
    private float _gain = 1;

    // Damage reported and not yet followed by a usable page: further problems are its consequences, not reported again.
    private bool _lost;

    // Bytes were skipped since the last usable page: the pages between may have included the end of the stream.
    private bool _afterDamage;

    // The first problem found by the current Decode call, and how many more there were.
    private string? _problem;
    private int _moreProblems;

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
    /// <exception cref="InvalidAudioException">
    /// Part of the stream was damaged or unusable and skipped (only the first problem of the call is described). Thrown
    /// after all of <paramref name="data"/> was decoded: what was written to <paramref name="output"/> is valid, and the
    /// next call goes on with the stream.
    /// </exception>
    public void Decode(ReadOnlySpan<byte> data, IBufferWriter<short> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _problem = null;
        _moreProblems = 0;
        while (true)
        {
            var complete = _pages.TryReadPage(ref data, out var page);
            if (_pages.TakeDamage() is { } damage)
            {
                Report(damage);
                _afterDamage = true;
            }

            if (!complete)
            {
                break;
            }

            ReadPage(page, output);
        }

        if (_problem is { } problem)
        {
            _problem = null;
            throw new InvalidAudioException(_moreProblems == 0
                ? problem
                : string.Create(CultureInfo.InvariantCulture, $"{problem} ({_moreProblems} more damaged or unusable parts of this append were skipped too.)"));
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        _pages.Reset();
        _packetLength = 0;
        _packetContinues = false;
        _skippingPacket = false;
        _stage = Stage.ExpectHeader;
        _lost = false;
        _afterDamage = false;
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

    /// <summary>Records a problem for this call's exception, unless it follows from one already reported.</summary>
    private void Report(string problem)
    {
        if (!_lost)
        {
            if (_problem is null)
            {
                _problem = problem;
            }
            else
            {
                _moreProblems++;
            }
        }

        _lost = true;
    }

    private void ReadPage(OggPage page, IBufferWriter<short> output)
    {
        if (page.IsBeginningOfStream)
        {
            if (_stage == Stage.ExpectTags && !_afterDamage)
            {
                // All beginning-of-stream pages of a multiplexed stream come first (RFC 3533), so this is another stream.
                Report($"Ogg page at byte {page.StreamOffset} belongs to another logical stream; multiplexed Ogg streams are not supported, send one Opus stream. The page is skipped.");
                return;
            }

            if (_stage is Stage.ExpectTags or Stage.Audio)
            {
                // A new stream chained before the current one ended: its end-of-stream page was lost (to damage, when
                // bytes were just skipped) or never sent. End the current stream where it is, and go on with the new one.
                if (!_afterDamage)
                {
                    Report($"Ogg page at byte {page.StreamOffset} begins a new stream before the current one ended (no end-of-stream page); the new stream is decoded from here.");
                }

                DrainDownsampler(output);
            }

            StartStream(page.SerialNumber);
            DropPacket(skipContinuation: page.IsContinued);
        }
        else if (_stage is Stage.ExpectHeader or Stage.Ended)
        {
            Report(_stage == Stage.Ended
                ? $"Ogg page at byte {page.StreamOffset} follows the end of the Opus stream but does not begin a new one. The page is skipped."
                : $"The Ogg stream does not start with a beginning-of-stream page (page at byte {page.StreamOffset} is skipped).");
            return;
        }
        else if (page.SerialNumber != _serialNumber)
        {
            Report($"Ogg page at byte {page.StreamOffset} belongs to another logical stream; multiplexed Ogg streams are not supported, send one Opus stream. The page is skipped.");
            return;
        }
        else if (page.SequenceNumber != _nextSequenceNumber)
        {
            // Pages are missing: a packet they started or ended is lost, and so, in the headers, is the comment header.
            Report($"Ogg pages are missing before byte {page.StreamOffset} (the page sequence jumps from {_nextSequenceNumber} to {page.SequenceNumber}); the audio they held is lost.");
            DropPacket(skipContinuation: page.IsContinued);
            if (_stage == Stage.ExpectTags)
            {
                _stage = Stage.Audio;
            }
        }
        else if (page.IsContinued != _packetContinues)
        {
            Report(page.IsContinued
                ? $"Ogg page at byte {page.StreamOffset} continues a packet that was never started; the rest of that packet is skipped."
                : $"Ogg page at byte {page.StreamOffset} starts a new packet, but the previous page ended in the middle of one; that packet is skipped.");
            DropPacket(skipContinuation: page.IsContinued);
        }

        // The page belongs to the stream in order: whatever was lost before it, decoding goes on from here.
        _lost = false;
        _afterDamage = false;
        _nextSequenceNumber = page.SequenceNumber + 1;
        if (page.IsEndOfStream && page.GranulePosition >= 0)
        {
            // The last page's granule position marks the true end: the decoder pads the final packet.
            _endSamples = page.GranulePosition;
        }

        var body = page.Body;
        foreach (var lacing in page.SegmentTable)
        {
            var segment = body[..lacing];
            body = body[lacing..];
            if (_skippingPacket)
            {
                _skippingPacket = lacing == 255;
                continue;
            }

            if (!AppendToPacket(segment, page.StreamOffset))
            {
                // Too large: reported, and the rest of it is skipped.
                _skippingPacket = lacing == 255;
                continue;
            }

            if (lacing < 255)
            {
                var read = ReadPacket(_packet.AsSpan(0, _packetLength), page.StreamOffset, output);
                _packetLength = 0;
                if (!read)
                {
                    // The stream's headers are unusable: nothing more of it can be decoded.
                    _packetContinues = false;
                    return;
                }
            }
        }

        _packetContinues = page.SegmentTable.Length > 0 && page.SegmentTable[^1] == 255;
        if (page.IsEndOfStream)
        {
            if (_packetContinues)
            {
                Report($"The Opus stream ends in the middle of a packet (page at byte {page.StreamOffset}); that packet is skipped.");
                DropPacket(skipContinuation: false);
            }

            _stage = Stage.Ended;
            DrainDownsampler(output);
        }
    }

    /// <summary>Forgets the packet in progress; with <paramref name="skipContinuation"/>, the page's first segments finish a lost packet and are skipped.</summary>
    private void DropPacket(bool skipContinuation)
    {
        _packetLength = 0;
        _packetContinues = false;
        _skippingPacket = skipContinuation;
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

    private bool AppendToPacket(ReadOnlySpan<byte> segment, long pageOffset)
    {
        if (_stage == Stage.ExpectTags)
        {
            // Only the magic matters; comments (which can be large) are skipped without buffering them.
            segment = segment[..Math.Min(segment.Length, Math.Max(0, s_tagsMagic.Length - _packetLength))];
        }

        var length = _packetLength + segment.Length;
        if (length > MaxPacketSize)
        {
            Report($"Opus packet in the Ogg page at byte {pageOffset} exceeds {MaxPacketSize} bytes; it is skipped.");
            _packetLength = 0;
            return false;
        }

        if (length > _packet.Length)
        {
            Array.Resize(ref _packet, Math.Min(MaxPacketSize, Math.Max(length, _packet.Length * 2)));
        }

        segment.CopyTo(_packet.AsSpan(_packetLength));
        _packetLength = length;
        return true;
    }

    /// <summary>Reads one whole packet; false when it was the stream's identification header and unusable.</summary>
    private bool ReadPacket(ReadOnlySpan<byte> packet, long pageOffset, IBufferWriter<short> output)
    {
        switch (_stage)
        {
            case Stage.ExpectHeader:
                OpusHeader header;
                try
                {
                    header = OpusHeader.Parse(packet);
                }
                catch (InvalidAudioException e)
                {
                    // Without its header the stream cannot be decoded: its pages are dropped until a new stream begins.
                    Report(e.Message + " The stream is skipped up to the next beginning-of-stream page.");
                    return false;
                }

                Header = header;
                _preSkipSamples = header.PreSkip;
                _gain = header.OutputGain == 0 ? 1 : MathF.Pow(10, header.OutputGain / (256f * 20f));
                _stage = Stage.ExpectTags;
                break;
            case Stage.ExpectTags:
                if (!packet.SequenceEqual(s_tagsMagic))
                {
                    // Nothing in the comment header matters here; the audio after it may well be fine.
                    Report("The Opus stream's second packet is not an 'OpusTags' comment header; it is skipped.");
                }

                _stage = Stage.Audio;
                break;
            default:
                DecodeAudio(packet, pageOffset, output);
                break;
        }

        return true;
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
            Report($"Corrupt Opus packet in the Ogg page at byte {pageOffset}: {e.Message} The packet is skipped.");
            return;
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
