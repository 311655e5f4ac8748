using System.Buffers.Binary;
using System.Globalization;

namespace RealtimeAsr.Audio.Ogg;

/// <summary>
/// Reassembles Ogg pages from bytes that arrive split anywhere, and checks each page's capture pattern, version and CRC.
/// After damage it resynchronises as Ogg demuxers do (libogg's <c>ogg_sync_pageseek</c>): it skips to the next
/// <c>OggS</c> that begins a page with a valid CRC. A rejected page is rescanned from its second byte, because its
/// length fields may be the damaged part and the next page may begin inside what it claimed. Each stretch of damage is
/// reported once (<see cref="TakeDamage"/>); the pages after it are returned as usual.
/// </summary>
/// <remarks>
/// Unlike a file demuxer, a live stream cannot wait for a damaged header's claimed length (up to 64 KiB, many seconds
/// of audio) to arrive before judging it: a page is also rejected as soon as a complete page with a valid CRC begins
/// inside it. Checksumming candidates costs CPU, so it is budgeted against the bytes skipped (see
/// <see cref="RescanBytesPerSkippedByte"/>).
/// </remarks>
internal sealed class OggPageReader
{
    public const int HeaderSize = 27;
    public const int MaxPageSize = HeaderSize + 255 + (255 * 255);
    private const int InitialBufferSize = 4096;
    private const int ChecksumOffset = 22;
    private const int SegmentCountOffset = 26;

    // Since the last valid page, at most this many bytes are checksummed per byte skipped (plus one page's worth)
    // before the reader stops looking for pages inside a candidate and skips rejected pages whole instead of rescanning
    // them: fake capture patterns claiming 64 KiB pages would otherwise cost a 64 KiB checksum every few bytes of input.
    private const int RescanBytesPerSkippedByte = 16;

    private byte[] _buffer = new byte[InitialBufferSize];

    // _buffer[_start.._end] holds bytes not yet consumed; the candidate page begins at _start, stream offset _startOffset.
    private int _start;
    private int _end;
    private long _startOffset;

    // The page returned by the last call, consumed at the next one.
    private int _returnedSize;

    // Looking for a page that begins inside the candidate: where to search next, and the capture patterns found so
    // far whose pages are not complete yet (judged as bytes arrive).
    private readonly List<int> _innerPending = [];
    private int _innerSearch = 1;

    private bool _inSync = true;
    private string? _damage;
    private long _checkedSinceSync;
    private long _skippedSinceSync;

    private int Buffered => _end - _start;

    private ReadOnlySpan<byte> Candidate => _buffer.AsSpan(_start, Buffered);

    /// <summary>
    /// Consumes bytes from <paramref name="data"/> until a valid page is complete (returns it) or the data runs out
    /// (returns false). Damaged bytes on the way are skipped. The returned page is valid until the next call.
    /// </summary>
    public bool TryReadPage(ref ReadOnlySpan<byte> data, out OggPage page)
    {
        Consume(_returnedSize);
        _returnedSize = 0;
        while (true)
        {
            if (!_inSync && Buffered == 0)
            {
                SkipToCapturePattern(ref data);
            }

            var needed = Needed(out var problem);
            if (problem is not null)
            {
                Skip(problem);
                continue;
            }

            if (Buffered < needed)
            {
                if (FindPageInside() is var inner and > 0)
                {
                    Skip($"Ogg page at byte {Offset(_startOffset)} of the audio stream is damaged: it claims {needed} bytes, but a valid page begins at byte {Offset(_startOffset + inner)}.", inner);
                    continue;
                }

                if (data.IsEmpty)
                {
                    page = default;
                    return false;
                }

                var take = Math.Min(data.Length, needed - Buffered);
                Append(data[..take]);
                data = data[take..];
                continue;
            }

            if (!ChecksumMatches(Candidate[..needed]))
            {
                Skip($"Ogg page at byte {Offset(_startOffset)} of the audio stream fails its CRC check; the data is corrupt.",
                    OverBudget ? needed : 1 + PrefixFreeLength(Candidate[1..]));
                continue;
            }

            _inSync = true;
            _checkedSinceSync = 0;
            _skippedSinceSync = 0;
            _returnedSize = needed;
            page = CreatePage(needed);
            return true;
        }
    }

    /// <summary>
    /// What was wrong with the first damage found since the last call, and where; null if none. While the reader is
    /// out of sync it skips on without reporting again.
    /// </summary>
    public string? TakeDamage()
    {
        var damage = _damage;
        _damage = null;
        return damage;
    }

    /// <summary>Drops any partial page; the next byte must start a page.</summary>
    public void Reset()
    {
        _start = 0;
        _end = 0;
        _startOffset = 0;
        _returnedSize = 0;
        _innerSearch = 1;
        _innerPending.Clear();
        _inSync = true;
        _damage = null;
        _checkedSinceSync = 0;
        _skippedSinceSync = 0;
    }

    private bool OverBudget => _checkedSinceSync > (RescanBytesPerSkippedByte * _skippedSinceSync) + MaxPageSize;

    /// <summary>
    /// How many bytes the candidate page needs before it can be judged further: the header, then its segment table,
    /// then its body. A problem when what is there already cannot begin a page.
    /// </summary>
    private int Needed(out string? problem)
    {
        problem = null;
        var needed = Needed(Candidate, out var fault);
        switch (fault)
        {
            case Fault.CapturePattern:
                problem = _startOffset == 0
                    ? "The audio is not an Ogg stream (it does not start with 'OggS'). input_audio_format 'opus' expects Ogg-encapsulated Opus (RFC 7845), not raw Opus packets."
                    : $"Expected an Ogg page (capture pattern 'OggS') at byte {Offset(_startOffset)} of the audio stream; the stream is corrupt or truncated.";
                break;
            case Fault.Version:
                problem = $"Unsupported Ogg page version {Candidate[4]} at byte {Offset(_startOffset)} of the audio stream.";
                break;
        }

        return needed;
    }

    private enum Fault
    {
        None,
        CapturePattern,
        Version,
    }

    /// <summary>The same for the page that would begin at the start of <paramref name="candidate"/>.</summary>
    private static int Needed(ReadOnlySpan<byte> candidate, out Fault fault)
    {
        fault = Fault.None;
        var pattern = "OggS"u8;
        if (!pattern.StartsWith(candidate[..Math.Min(candidate.Length, pattern.Length)]))
        {
            fault = Fault.CapturePattern;
            return 0;
        }

        if (candidate.Length > 4 && candidate[4] != 0)
        {
            fault = Fault.Version;
            return 0;
        }

        if (candidate.Length < HeaderSize)
        {
            return HeaderSize;
        }

        var tableEnd = HeaderSize + candidate[SegmentCountOffset];
        if (candidate.Length < tableEnd)
        {
            return tableEnd;
        }

        var bodySize = 0;
        foreach (var lacing in candidate[HeaderSize..tableEnd])
        {
            bodySize += lacing;
        }

        return tableEnd + bodySize;
    }

    /// <summary>
    /// Drops <paramref name="drop"/> bytes of a candidate page found invalid, or by default its first byte and everything
    /// up to the next capture pattern in what is buffered (with none, all but a tail that could begin one); reports the
    /// damage if the reader was in sync.
    /// </summary>
    private void Skip(string problem, int drop = 0)
    {
        if (_inSync)
        {
            _inSync = false;
            _damage ??= problem + " The audio up to the next valid Ogg page is skipped.";
        }

        if (drop == 0)
        {
            drop = 1 + PrefixFreeLength(Candidate[1..]);
        }

        _skippedSinceSync += drop;
        Consume(drop);
    }

    /// <summary>
    /// Where the first complete page with a valid CRC begins inside the incomplete candidate, which therefore is not a
    /// page; 0 if none does (yet). Picks up where it left off as bytes arrive.
    /// </summary>
    private int FindPageInside()
    {
        var candidate = Candidate;
        for (var i = 0; i < _innerPending.Count && !OverBudget; i++)
        {
            switch (Judge(candidate, _innerPending[i]))
            {
                case true:
                    return _innerPending[i];
                case false:
                    _innerPending.RemoveAt(i--);
                    break;
            }
        }

        while (_innerSearch < candidate.Length && !OverBudget)
        {
            var next = candidate[_innerSearch..].IndexOf("OggS"u8);
            if (next < 0)
            {
                // A capture pattern may yet be completed across the end.
                _innerSearch = Math.Max(_innerSearch, candidate.Length - 3);
                break;
            }

            var inner = _innerSearch + next;
            _innerSearch = inner + 1;
            switch (Judge(candidate, inner))
            {
                case true:
                    return inner;
                case null:
                    // Not complete yet; a page further on may be, and its being valid rules out this one too.
                    _innerPending.Add(inner);
                    break;
            }
        }

        return 0;
    }

    /// <summary>Whether a valid page begins at <paramref name="offset"/>; null while it is incomplete.</summary>
    private bool? Judge(ReadOnlySpan<byte> candidate, int offset)
    {
        var needed = Needed(candidate[offset..], out var fault);
        if (fault != Fault.None)
        {
            return false;
        }

        return candidate.Length - offset < needed ? null : ChecksumMatches(candidate.Slice(offset, needed));
    }

    /// <summary>While out of sync with nothing buffered, skips <paramref name="data"/> up to the next capture pattern without copying it.</summary>
    private void SkipToCapturePattern(ref ReadOnlySpan<byte> data)
    {
        var skip = PrefixFreeLength(data);
        _startOffset += skip;
        _skippedSinceSync += skip;
        data = data[skip..];
    }

    /// <summary>
    /// The length of the longest start of <paramref name="bytes"/> in which no page can begin: up to the first
    /// <c>OggS</c>, or, without one, up to a tail that could be the start of one (<c>O</c>, <c>Og</c>, <c>Ogg</c>).
    /// </summary>
    private static int PrefixFreeLength(ReadOnlySpan<byte> bytes)
    {
        var pattern = "OggS"u8;
        var next = bytes.IndexOf(pattern);
        if (next >= 0)
        {
            return next;
        }

        for (var tail = Math.Min(pattern.Length - 1, bytes.Length); tail > 0; tail--)
        {
            if (bytes[^tail..].SequenceEqual(pattern[..tail]))
            {
                return bytes.Length - tail;
            }
        }

        return bytes.Length;
    }

    private bool ChecksumMatches(ReadOnlySpan<byte> page)
    {
        _checkedSinceSync += page.Length;
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(page[ChecksumOffset..]);
        // The checksum covers the whole page with its own field zeroed.
        var crc = OggCrc.Update(0, page[..ChecksumOffset]);
        crc = OggCrc.Update(crc, [0, 0, 0, 0]);
        crc = OggCrc.Update(crc, page[(ChecksumOffset + 4)..]);
        return crc == expected;
    }

    private OggPage CreatePage(int pageSize)
    {
        var page = _buffer.AsSpan(_start, pageSize);
        var segmentCount = page[SegmentCountOffset];
        return new OggPage(
            flags: page[5],
            granulePosition: BinaryPrimitives.ReadInt64LittleEndian(page[6..]),
            serialNumber: BinaryPrimitives.ReadUInt32LittleEndian(page[14..]),
            sequenceNumber: BinaryPrimitives.ReadUInt32LittleEndian(page[18..]),
            streamOffset: _startOffset,
            segmentTable: page.Slice(HeaderSize, segmentCount),
            body: page[(HeaderSize + segmentCount)..]);
    }

    private void Consume(int count)
    {
        _start += count;
        _startOffset += count;
        _innerSearch = 1;
        _innerPending.Clear();
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_end + bytes.Length > _buffer.Length)
        {
            // Move the candidate to the front; grow only if a whole page would still not fit.
            Candidate.CopyTo(_buffer);
            _end = Buffered;
            _start = 0;
            if (_end + bytes.Length > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Min(MaxPageSize, Math.Max(_end + bytes.Length, _buffer.Length * 2)));
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    private static string Offset(long offset) => offset.ToString(CultureInfo.InvariantCulture);
}
