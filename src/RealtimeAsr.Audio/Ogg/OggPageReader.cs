using System.Buffers.Binary;

namespace RealtimeAsr.Audio.Ogg;

/// <summary>
/// Reassembles Ogg pages from bytes that arrive split anywhere, and checks each page's capture pattern, version and CRC.
/// It does not resynchronise: the input is a stream written by an encoder, so any damage is reported, not skipped.
/// </summary>
internal sealed class OggPageReader
{
    public const int HeaderSize = 27;
    public const int MaxPageSize = HeaderSize + 255 + (255 * 255);
    private const int InitialBufferSize = 4096;
    private const int ChecksumOffset = 22;

    private byte[] _buffer = new byte[InitialBufferSize];
    private int _filled;
    private int _pageSize = HeaderSize;
    private Part _reading = Part.Header;
    private long _pageOffset;

    private enum Part
    {
        Header,
        SegmentTable,
        Body,
        Returned,
    }

    /// <summary>
    /// Consumes bytes from <paramref name="data"/> until a page is complete (returns it) or the data runs out (returns false).
    /// The returned page is valid until the next call.
    /// </summary>
    public bool TryReadPage(ref ReadOnlySpan<byte> data, out OggPage page)
    {
        if (_reading == Part.Returned)
        {
            _pageOffset += _pageSize;
            _filled = 0;
            _pageSize = HeaderSize;
            _reading = Part.Header;
        }

        while (true)
        {
            var take = Math.Min(data.Length, _pageSize - _filled);
            data[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            data = data[take..];
            if (_filled < _pageSize)
            {
                page = default;
                return false;
            }

            switch (_reading)
            {
                case Part.Header:
                    ValidateHeader();
                    _reading = Part.SegmentTable;
                    GrowTo(HeaderSize + _buffer[HeaderSize - 1]);
                    break;
                case Part.SegmentTable:
                    var bodySize = 0;
                    foreach (var lacing in _buffer.AsSpan(HeaderSize, _pageSize - HeaderSize))
                    {
                        bodySize += lacing;
                    }

                    _reading = Part.Body;
                    GrowTo(_pageSize + bodySize);
                    break;
                default:
                    page = CompletePage();
                    _reading = Part.Returned;
                    return true;
            }
        }
    }

    /// <summary>Drops any partial page; the next byte must start a page.</summary>
    public void Reset()
    {
        _filled = 0;
        _pageSize = HeaderSize;
        _reading = Part.Header;
        _pageOffset = 0;
    }

    private void ValidateHeader()
    {
        if (!_buffer.AsSpan(0, 4).SequenceEqual("OggS"u8))
        {
            throw new InvalidAudioException(_pageOffset == 0
                ? "The audio is not an Ogg stream (it does not start with 'OggS'). input_audio_format 'opus' expects Ogg-encapsulated Opus (RFC 7845), not raw Opus packets."
                : $"Expected an Ogg page (capture pattern 'OggS') at byte {_pageOffset} of the audio stream; the stream is corrupt or truncated.");
        }

        if (_buffer[4] != 0)
        {
            throw new InvalidAudioException($"Unsupported Ogg page version {_buffer[4]} at byte {_pageOffset} of the audio stream.");
        }
    }

    private OggPage CompletePage()
    {
        var header = _buffer.AsSpan(0, HeaderSize);
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(header[ChecksumOffset..]);
        // The checksum covers the whole page with its own field zeroed.
        var crc = OggCrc.Update(0, header[..ChecksumOffset]);
        crc = OggCrc.Update(crc, [0, 0, 0, 0]);
        crc = OggCrc.Update(crc, _buffer.AsSpan(ChecksumOffset + 4, _pageSize - ChecksumOffset - 4));
        if (crc != expected)
        {
            throw new InvalidAudioException($"Ogg page at byte {_pageOffset} of the audio stream fails its CRC check; the data is corrupt.");
        }

        var segmentCount = _buffer[HeaderSize - 1];
        return new OggPage(
            flags: header[5],
            granulePosition: BinaryPrimitives.ReadInt64LittleEndian(header[6..]),
            serialNumber: BinaryPrimitives.ReadUInt32LittleEndian(header[14..]),
            streamOffset: _pageOffset,
            segmentTable: _buffer.AsSpan(HeaderSize, segmentCount),
            body: _buffer.AsSpan(HeaderSize + segmentCount, _pageSize - HeaderSize - segmentCount));
    }

    private void GrowTo(int pageSize)
    {
        _pageSize = pageSize;
        if (_buffer.Length < pageSize)
        {
            Array.Resize(ref _buffer, Math.Min(MaxPageSize, Math.Max(pageSize, _buffer.Length * 2)));
        }
    }
}
