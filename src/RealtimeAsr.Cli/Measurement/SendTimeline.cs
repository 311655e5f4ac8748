using System.Diagnostics;
using RealtimeAsr.Cli.Audio;

namespace RealtimeAsr.Cli.Measurement;

/// <summary>
/// When each chunk of a file's audio was sent: the client reports the bytes sent after every append, and this keeps
/// (end of the chunk in audio milliseconds, wall-clock timestamp). Written by the sending task, read by the others.
/// </summary>
internal sealed class SendTimeline(IAudioTimeline audio) : IProgress<long>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(double EndMs, long SentAt)> _chunks = [];
    private long _bytesSent;

    /// <summary>Bytes of audio sent so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Audio sent so far, in milliseconds.</summary>
    public double MillisecondsSent
    {
        get
        {
            lock (_gate)
            {
                return _chunks.Count == 0 ? 0 : _chunks[^1].EndMs;
            }
        }
    }

    /// <summary>When the last chunk was sent (in Manual mode the commit follows at once); null before any.</summary>
    public long? LastSentAt
    {
        get
        {
            lock (_gate)
            {
                return _chunks.Count == 0 ? null : _chunks[^1].SentAt;
            }
        }
    }

    public void Report(long value)
    {
        // The append has just returned: this is when the chunk left, whatever the audio position costs to compute.
        var now = Stopwatch.GetTimestamp();
        var endMs = audio.MillisecondsAt(value);
        lock (_gate)
        {
            _chunks.Add((endMs, now));
        }

        Interlocked.Exchange(ref _bytesSent, value);
    }

    /// <summary>
    /// When the chunk holding the audio position <paramref name="audioMs"/> was sent: the first chunk that ends at or
    /// after it (the last chunk when the server names a position past the end); null before any chunk.
    /// </summary>
    public long? SentAt(double audioMs)
    {
        lock (_gate)
        {
            if (_chunks.Count == 0)
            {
                return null;
            }

            var low = 0;
            var high = _chunks.Count - 1;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (_chunks[middle].EndMs >= audioMs)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return _chunks[low].SentAt;
        }
    }

    public void Dispose() => audio.Dispose();
}
