namespace RealtimeAsr.Client;

/// <summary>How a <see cref="Stream"/> of audio is cut into <c>input_audio_buffer.append</c> events and paced.</summary>
public sealed class AudioStreamingOptions
{
    /// <summary>
    /// Audio per append. PCM is cut into chunks of exactly this duration; Ogg Opus is sent in whole pages, grouped
    /// until they reach it. Default: 100 ms (3200 bytes of 16 kHz PCM16, as the official samples send).
    /// </summary>
    public TimeSpan ChunkDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Send no faster than real time, as a microphone would. Default: <see langword="false"/>, as fast as the
    /// connection allows (the server still processes audio in order).
    /// </summary>
    public bool PaceInRealTime { get; set; }

    /// <summary>Told the total number of audio bytes read from the stream after each append. Default: none.</summary>
    public IProgress<long>? Progress { get; set; }
}
