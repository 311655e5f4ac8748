namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>Records what a <see cref="VoiceActivityDetector"/> reports, checking the order of the calls as it goes.</summary>
internal sealed class SegmentRecorder : ISpeechSegmentSink
{
    private readonly VoiceActivityDetector _detector;
    private Utterance? _current;

    public SegmentRecorder(VoiceActivityDetector detector)
    {
        _detector = detector;
    }

    public List<Utterance> Utterances { get; } = [];

    /// <summary>Utterances that have stopped.</summary>
    public IEnumerable<Utterance> Completed => Utterances.Where(u => u.End is not null);

    public void OnSpeechStarted(long startSample, ReadOnlySpan<short> preRoll)
    {
        Assert.Null(_current);
        Assert.True(_detector.InSpeech);
        _current = new Utterance(startSample, _detector.Position - preRoll.Length, preRoll.Length);
        _current.Audio.AddRange(preRoll);
        Assert.InRange(startSample, _current.AudioStart, _detector.Position);
        Utterances.Add(_current);
    }

    public void OnSpeechAudio(ReadOnlySpan<short> samples)
    {
        Assert.NotNull(_current);
        Assert.NotEqual(0, samples.Length);
        _current.Audio.AddRange(samples);
        Assert.Equal(_detector.Position, _current.AudioStart + _current.Audio.Count);
    }

    public void OnSpeechStopped(long endSample)
    {
        Assert.NotNull(_current);
        Assert.InRange(endSample, _current.Start, _current.AudioStart + _current.Audio.Count);
        _current.End = endSample;
        _current = null;
    }

    /// <summary>Speech from its first detected sample to where it ended, and all the audio reported for it.</summary>
    internal sealed class Utterance(long start, long audioStart, int preRollLength)
    {
        public long Start { get; } = start;

        public long? End { get; set; }

        /// <summary>Session position of the first reported sample (the first of the pre-roll).</summary>
        public long AudioStart { get; } = audioStart;

        public int PreRollLength { get; } = preRollLength;

        public List<short> Audio { get; } = [];

        public double StartMs => Start / 16.0;

        public double EndMs => (End ?? -16) / 16.0;

        public override string ToString() => $"[{StartMs:F0} ms, {EndMs:F0} ms]";
    }
}
