namespace RealtimeAsr.Audio.Ogg;

/// <summary>A complete, checksum-verified Ogg page (RFC 3533), viewed in the reader's buffer until its next call.</summary>
internal readonly ref struct OggPage
{
    private const byte ContinuedFlag = 0x01;
    private const byte BeginningOfStreamFlag = 0x02;
    private const byte EndOfStreamFlag = 0x04;

    public OggPage(byte flags, long granulePosition, uint serialNumber, uint sequenceNumber, long streamOffset, ReadOnlySpan<byte> segmentTable, ReadOnlySpan<byte> body)
    {
        Flags = flags;
        GranulePosition = granulePosition;
        SerialNumber = serialNumber;
        SequenceNumber = sequenceNumber;
        StreamOffset = streamOffset;
        SegmentTable = segmentTable;
        Body = body;
    }

    public byte Flags { get; }

    /// <summary>For Opus: 48 kHz samples (pre-skip included) decoded by the end of the last packet ending here; -1 if none ends here.</summary>
    public long GranulePosition { get; }

    public uint SerialNumber { get; }

    /// <summary>The page's number in its logical stream, one more than the page before it: a gap means lost pages.</summary>
    public uint SequenceNumber { get; }

    /// <summary>Byte offset of the page in the stream, for error messages.</summary>
    public long StreamOffset { get; }

    /// <summary>Lacing values: a packet is the concatenation of segments up to and including one shorter than 255 bytes.</summary>
    public ReadOnlySpan<byte> SegmentTable { get; }

    public ReadOnlySpan<byte> Body { get; }

    /// <summary>The page begins with the rest of a packet started on the previous page.</summary>
    public bool IsContinued => (Flags & ContinuedFlag) != 0;

    public bool IsBeginningOfStream => (Flags & BeginningOfStreamFlag) != 0;

    public bool IsEndOfStream => (Flags & EndOfStreamFlag) != 0;
}
