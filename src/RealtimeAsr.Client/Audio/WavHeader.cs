using System.Buffers.Binary;
using System.Globalization;

namespace RealtimeAsr.Client.Audio;

/// <summary>The format of a RIFF/WAVE stream and where its samples are.</summary>
/// <param name="Format">Sample encoding.</param>
/// <param name="Channels">Interleaved channel count.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Bits per sample of one channel.</param>
/// <param name="DataLength">Bytes of sample data, or <see langword="null"/> when the header does not say (a streamed WAV).</param>
public sealed record WavHeader(WavFormatTag Format, int Channels, int SampleRate, int BitsPerSample, long? DataLength)
{
    private const int MaxFmtChunkBytes = 1024;

    /// <summary>Bytes per frame (one sample of every channel).</summary>
    public int BlockAlign => Channels * BitsPerSample / 8;

    /// <summary>True for 16-bit integer mono PCM: the <c>pcm</c> input format of the protocol.</summary>
    public bool IsPcm16Mono => Format == WavFormatTag.Pcm && BitsPerSample == 16 && Channels == 1;

    /// <summary>The duration of the samples, when <see cref="DataLength"/> is known.</summary>
    public TimeSpan? Duration => DataLength is { } length && BlockAlign > 0 && SampleRate > 0
        ? TimeSpan.FromSeconds((double)(length / BlockAlign) / SampleRate)
        : null;

    /// <summary>A short description such as <c>44100 Hz, 2 channels, 16-bit PCM</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{SampleRate} Hz, {(Channels == 1 ? "mono" : $"{Channels} channels")}, {BitsPerSample}-bit {Format switch
        {
            WavFormatTag.Pcm => "PCM",
            WavFormatTag.IeeeFloat => "float",
            _ => "non-PCM",
        }}");

    /// <summary>
    /// Reads the header from <paramref name="stream"/> and leaves it at the first sample byte. Works on streams that
    /// cannot seek (stdin): chunks before <c>data</c> are read past. Prefer <see cref="ReadAsync"/>: some streams
    /// (ASP.NET Core request bodies) forbid synchronous reads.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a WAV file or has no <c>fmt </c> before <c>data</c>.</exception>
    public static WavHeader Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // With synchronous reads the task is complete when it returns: nothing blocks.
        var read = ReadCoreAsync(stream, synchronous: true, CancellationToken.None);
        return read.IsCompleted ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Reads the header from <paramref name="stream"/> with asynchronous reads only, and leaves it at the first sample
    /// byte. Works on streams that cannot seek (stdin, a request body): chunks before <c>data</c> are read past.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a WAV file or has no <c>fmt </c> before <c>data</c>.</exception>
    public static Task<WavHeader> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCoreAsync(stream, synchronous: false, cancellationToken).AsTask();
    }

    /// <summary>One parser for both: <paramref name="synchronous"/> decides only how bytes are read.</summary>
    private static async ValueTask<WavHeader> ReadCoreAsync(Stream stream, bool synchronous, CancellationToken cancellationToken)
    {
        var riff = new byte[12];
        if (!await TryReadExactlyAsync(stream, riff, synchronous, cancellationToken).ConfigureAwait(false)
            || !riff.AsSpan(0, 4).SequenceEqual("RIFF"u8)
            || !riff.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a WAV file: it does not start with a RIFF/WAVE header.");
        }

        WavHeader? format = null;
        var chunkHeader = new byte[8];
        while (await TryReadExactlyAsync(stream, chunkHeader, synchronous, cancellationToken).ConfigureAwait(false))
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader.AsSpan(4));
            var id = chunkHeader.AsSpan(0, 4);
            if (id.SequenceEqual("fmt "u8))
            {
                if (size is < 16 or > MaxFmtChunkBytes)
                {
                    throw new InvalidDataException($"Invalid WAV file: a 'fmt ' chunk of {size} bytes.");
                }

                var fmt = new byte[size + (size & 1)];
                if (!await TryReadExactlyAsync(stream, fmt, synchronous, cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidDataException("Invalid WAV file: it ends inside the 'fmt ' chunk.");
                }

                format = ParseFormat(fmt);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new InvalidDataException("Invalid WAV file: the 'data' chunk comes before any 'fmt ' chunk.");
                }

                // 0 and 0xFFFFFFFF mark a WAV written while streaming, whose length was never filled in.
                return format with { DataLength = size is 0 or uint.MaxValue ? null : size };
            }
            else
            {
                await SkipAsync(stream, size + (size & 1), synchronous, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidDataException("Invalid WAV file: it has no 'data' chunk.");
    }

    private static WavHeader ParseFormat(ReadOnlySpan<byte> fmt)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        const ushort Extensible = 0xFFFE;
        if (tag == Extensible && fmt.Length >= 26)
        {
            // The first two bytes of the sub-format GUID carry the plain format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        var format = tag switch
        {
            1 => WavFormatTag.Pcm,
            3 => WavFormatTag.IeeeFloat,
            _ => WavFormatTag.Other,
        };
        if (channels == 0 || sampleRate <= 0 || bits == 0 || bits % 8 != 0)
        {
            throw new InvalidDataException($"Invalid WAV file: {channels} channels, {sampleRate} Hz, {bits} bits per sample.");
        }

        return new WavHeader(format, channels, sampleRate, bits, DataLength: null);
    }

    private static async ValueTask<bool> TryReadExactlyAsync(Stream stream, byte[] buffer, bool synchronous, CancellationToken cancellationToken)
    {
        var read = synchronous
            ? stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)
            : await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length;
    }

    private static async ValueTask SkipAsync(Stream stream, long count, bool synchronous, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var scratch = new byte[(int)Math.Min(count, 4096)];
        while (count > 0)
        {
            var slice = scratch.AsMemory(0, (int)Math.Min(count, scratch.Length));
            var read = synchronous
                ? stream.Read(slice.Span)
                : await stream.ReadAsync(slice, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }
}
