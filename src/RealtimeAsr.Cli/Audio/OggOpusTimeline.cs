using System.Buffers.Binary;

namespace RealtimeAsr.Cli.Audio;

/// <summary>
/// Ogg Opus, which is sent unchanged and in whole pages: the position after a page is its granule position (48 kHz
/// samples, end trimming included) less the stream's pre-skip — exactly the audio a decoder yields, so the position is
/// the one the server counts, without decoding anything here. Bytes that are not Ogg pages are skipped up to the next
/// capture pattern (the server rejects them and says why); the position keeps counting the pages after them.
/// </summary>
internal sealed class OggOpusTimeline(string path) : IAudioTimeline
{
    /// <summary>Opus granule positions count 48 kHz samples whatever the input rate was (RFC 7845 §4).</summary>
    private const int GranuleRate = 48_000;

    private const int HeaderLength = 27;

    // The largest page: a 27-byte header, 255 lacing values and 255 × 255 bytes of body.
    private const int MaxPageLength = HeaderLength + 255 + (255 * 255);

    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    private readonly byte[] _pending = new byte[2 * MaxPageLength];
    private int _pendingLength;
    private uint? _serial;
    private int _preSkip;
    private long _granule;

    public double MillisecondsAt(long bytes)
    {
        while (_file.Position < bytes)
        {
            var room = _pending.Length - _pendingLength;
            var read = _file.Read(_pending, _pendingLength, (int)Math.Min(room, bytes - _file.Position));
            if (read == 0)
            {
                break;
            }

            _pendingLength += read;
            ReadPages();
        }

        return Math.Max(0, _granule - _preSkip) * 1000.0 / GranuleRate;
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Consumes every whole page in the pending bytes; keeps a partial page for the next read.</summary>
    private void ReadPages()
    {
        var offset = 0;
        while (true)
        {
            var start = _pending.AsSpan(offset, _pendingLength - offset).IndexOf("OggS"u8);
            if (start < 0)
            {
                // Not Ogg: drop it, but keep a tail that may be the start of a capture pattern.
                offset = Math.Max(offset, _pendingLength - 3);
                break;
            }

            offset += start;
            var available = _pending.AsSpan(offset, _pendingLength - offset);
            if (available.Length < HeaderLength || available.Length < HeaderLength + available[26])
            {
                break;
            }

            if (available[4] != 0)
            {
                // "OggS" inside other bytes, not a version-0 page header: look further on.
                offset++;
                continue;
            }

            var segments = available[26];
            var bodyLength = 0;
            foreach (var lacing in available.Slice(HeaderLength, segments))
            {
                bodyLength += lacing;
            }

            var pageLength = HeaderLength + segments + bodyLength;
            if (available.Length < pageLength)
            {
                break;
            }

            OnPage(available[..HeaderLength], available.Slice(HeaderLength + segments, bodyLength));
            offset += pageLength;
        }

        _pending.AsSpan(offset, _pendingLength - offset).CopyTo(_pending);
        _pendingLength -= offset;
    }

    private void OnPage(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var serial = BinaryPrimitives.ReadUInt32LittleEndian(header[14..]);
        if (_serial is null)
        {
            // The identification header (RFC 7845 §5.1) starts the first Opus stream: "OpusHead", version, channels, pre-skip.
            if (body.Length >= 12 && body.StartsWith("OpusHead"u8))
            {
                _serial = serial;
                _preSkip = BinaryPrimitives.ReadUInt16LittleEndian(body[10..]);
            }

            return;
        }

        var granule = BinaryPrimitives.ReadInt64LittleEndian(header[6..]);
        if (serial == _serial && granule > _granule)
        {
            // −1 (no packet ends on this page) and the headers' 0 leave the position where it is.
            _granule = granule;
        }
    }
}
