namespace RealtimeAsr.Audio;

/// <summary>A whole file decoded to mono 16-bit samples at <see cref="AudioFormat.EngineSampleRate"/>.</summary>
/// <param name="Samples">The samples.</param>
/// <param name="Format">What the file was.</param>
/// <param name="SourceSampleRate">The file's own rate, in hertz.</param>
/// <param name="SourceChannels">The file's channel count (mixed down to one).</param>
public sealed record DecodedAudio(short[] Samples, AudioFileFormat Format, int SourceSampleRate, int SourceChannels)
{
    /// <summary>How long the audio lasts.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / AudioFormat.EngineSampleRate);
}
