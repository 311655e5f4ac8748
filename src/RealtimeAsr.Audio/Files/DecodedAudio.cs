namespace RealtimeAsr.Audio;

/// <summary>
/// A whole file decoded to mono 16-bit samples: at <see cref="AudioFormat.EngineSampleRate"/>, or at
/// <see cref="AudioFormat.TelephonySampleRate"/> for a narrowband file (PCM or MP3 at 8 kHz or less), which a session
/// then takes as a telephony client's 8 kHz PCM (upsampled by it, and recognised with the engine's narrowband setup).
/// </summary>
/// <param name="Samples">The samples.</param>
/// <param name="SampleRate">Their rate: 16000, or 8000 for a narrowband file.</param>
/// <param name="Format">What the file was.</param>
/// <param name="SourceSampleRate">The file's own rate, in hertz.</param>
/// <param name="SourceChannels">The file's channel count (mixed down to one).</param>
public sealed record DecodedAudio(short[] Samples, int SampleRate, AudioFileFormat Format, int SourceSampleRate, int SourceChannels)
{
    /// <summary>How long the audio lasts.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    /// <summary>The rate a file of <paramref name="sourceRate"/> is decoded to: 8000 for narrowband audio, else 16000.</summary>
    public static int OutputRateFor(int sourceRate) =>
        sourceRate <= AudioFormat.TelephonySampleRate ? AudioFormat.TelephonySampleRate : AudioFormat.EngineSampleRate;
}
