namespace RealtimeAsr.Recognition;

/// <summary>The audio format every engine consumes: mono, signed 16-bit, 16 kHz.</summary>
public static class RecognitionAudio
{
    /// <summary>Samples per second fed to engines.</summary>
    public const int SampleRate = 16000;

    /// <summary>Samples in one millisecond at <see cref="SampleRate"/>.</summary>
    public const int SamplesPerMillisecond = SampleRate / 1000;
}
