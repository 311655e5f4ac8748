namespace RealtimeAsr.Cli.Audio;

/// <summary>16-bit mono PCM: two bytes per sample at the session's rate.</summary>
internal sealed class PcmTimeline(int sampleRate) : IAudioTimeline
{
    public double MillisecondsAt(long bytes) => bytes / 2 * 1000.0 / sampleRate;

    public void Dispose()
    {
    }
}
