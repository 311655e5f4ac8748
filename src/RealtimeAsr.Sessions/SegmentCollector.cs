using RealtimeAsr.Audio;

namespace RealtimeAsr.Sessions;

/// <summary>
/// Records the detector's callbacks as <see cref="SpeechSegment"/>s, copying the audio, so that the session can act on
/// them after leaving its CPU slot (starting an utterance may wait for a decoder).
/// </summary>
internal sealed class SegmentCollector : ISpeechSegmentSink
{
    private readonly List<SpeechSegment> _segments = [];

    public void OnSpeechStarted(long startSample, ReadOnlySpan<short> preRoll) =>
        _segments.Add(new SpeechSegment.Started(startSample, preRoll.ToArray()));

    public void OnSpeechAudio(ReadOnlySpan<short> samples)
    {
        if (!samples.IsEmpty)
        {
            _segments.Add(new SpeechSegment.Continued(samples.ToArray()));
        }
    }

    public void OnSpeechStopped(long endSample) => _segments.Add(new SpeechSegment.Stopped(endSample));

    /// <summary>Whether nothing was collected since the last <see cref="Take"/>.</summary>
    public bool IsEmpty => _segments.Count == 0;

    /// <summary>The segments collected since the last call, in order.</summary>
    public SpeechSegment[] Take()
    {
        var taken = _segments.ToArray();
        _segments.Clear();
        return taken;
    }
}
