namespace RealtimeAsr.Client.Internal;

/// <summary>
/// The bytes read to recognise the audio format, then the rest of the caller's stream: format detection must work on
/// streams that cannot seek (request bodies, pipes) without losing the first samples of headerless PCM.
/// </summary>
/// <remarks>The CLI compiles this file too (its stdin needs the same), so it stays free of other client types.</remarks>
/// <param name="prefix">The bytes already read.</param>
/// <param name="rest">The stream they came from.</param>
/// <param name="ownsRest">Whether disposing this stream disposes <paramref name="rest"/>.</param>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest, bool ownsRest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => TakePrefix(buffer) is var taken and > 0 ? taken : rest.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        TakePrefix(buffer.Span) is var taken and > 0 ? ValueTask.FromResult(taken) : rest.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsRest)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..count].CopyTo(buffer);
        _prefix = _prefix[count..];
        return count;
    }
}
