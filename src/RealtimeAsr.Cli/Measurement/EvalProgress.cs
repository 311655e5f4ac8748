namespace RealtimeAsr.Cli.Measurement;

/// <summary>How far a run is: files done, and the share of audio sent of each file in progress. Thread-safe.</summary>
internal sealed class EvalProgress(int files)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (SendTimeline Sent, long? TotalBytes)> _running = new(StringComparer.Ordinal);
    private int _done;

    public int Files { get; } = files;

    public int Done
    {
        get
        {
            lock (_gate)
            {
                return _done;
            }
        }
    }

    /// <summary>Files done plus the sent fraction of those in progress: from 0 to <see cref="Files"/>.</summary>
    public double Value
    {
        get
        {
            lock (_gate)
            {
                return _done + _running.Values.Sum(file => file.TotalBytes is > 0 and var total
                    ? Math.Clamp((double)file.Sent.BytesSent / total, 0, 1)
                    : 0);
            }
        }
    }

    /// <summary>The files in progress, for the progress line.</summary>
    public IReadOnlyList<string> Running
    {
        get
        {
            lock (_gate)
            {
                return [.. _running.Keys];
            }
        }
    }

    public void Started(string name, SendTimeline sent, long? totalBytes)
    {
        lock (_gate)
        {
            _running[name] = (sent, totalBytes);
        }
    }

    public void Finished(string name)
    {
        lock (_gate)
        {
            _running.Remove(name);
            _done++;
        }
    }
}
