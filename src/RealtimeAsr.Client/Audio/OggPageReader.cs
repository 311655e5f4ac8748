using System.Buffers.Binary;

namespace RealtimeAsr.Client.Audio;

/// <summary>
/// Reads whole Ogg pages from a stream, so Ogg Opus is sent in page-aligned appends and can be paced by its granule
/// position (48 kHz samples for Opus). The page bytes are passed on unchanged.
/// </summary>
internal sealed class OggPageReader(Stream stream)
{
    /// <summary>Opus granule positions count 48 kHz samples whatever the input rate was.</summary>
    public const int OpusGranuleRate = 48000;

    private const int HeaderLength = 27;
    private readonly byte[] _header = new byte[HeaderLength + 255];

    /// <summary>True when <paramref name="start"/> begins with the Ogg capture pattern.</summary>
    public static bool IsOgg(ReadOnlySpan<byte> start) => start.StartsWith("OggS"u8);

    /// <summary>
    /// Appends the next page to <paramref name="output"/>. Returns the page's granule position (−1 when no packet ends
    /// on it), or <see langword="null"/> at the end of the stream.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not Ogg or ends inside a page.</exception>
    public async ValueTask<long?> ReadPageAsync(List<byte> output, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(_header.AsMemory(0, HeaderLength), HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderLength || !IsOgg(_header))
        {
            throw new InvalidDataException("Not an Ogg stream: a page does not start with 'OggS'.");
        }

        var granule = BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(6));
        var segments = _header[26];
        await ReadExactlyAsync(_header.AsMemory(HeaderLength, segments), cancellationToken).ConfigureAwait(false);
        var bodyLength = 0;
        for (var i = 0; i < segments; i++)
        {
            bodyLength += _header[HeaderLength + i];
        }

        var body = new byte[bodyLength];
        await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        output.AddRange(_header.AsSpan(0, HeaderLength + segments));
        output.AddRange(body);
        return granule;
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) != buffer.Length)
        {
            throw new InvalidDataException("The Ogg stream ends inside a page.");
        }
    }
}
