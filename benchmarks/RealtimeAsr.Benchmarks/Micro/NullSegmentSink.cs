using RealtimeAsr.Audio;

namespace RealtimeAsr.Benchmarks.Micro;

/// <summary>Ignores what the detector finds: only the detector's own cost is measured.</summary>
internal sealed class NullSegmentSink : ISpeechSegmentSink
{
    public void OnSpeechStarted(long startSample, ReadOnlySpan<short> preRoll)
    {
    }

    public void OnSpeechAudio(ReadOnlySpan<short> samples)
    {
    }

    public void OnSpeechStopped(long endSample)
    {
    }
}
