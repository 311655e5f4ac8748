namespace RealtimeAsr.Cli.Audio;

/// <summary>
/// Maps how many bytes of an <see cref="AudioInput"/> have been sent to how much audio that is, in milliseconds:
/// the timeline the server's <c>audio_start_ms</c> and <c>audio_end_ms</c> count on.
/// </summary>
internal interface IAudioTimeline : IDisposable
{
    /// <summary>Milliseconds of audio in the first <paramref name="bytes"/> bytes; called with growing values.</summary>
    double MillisecondsAt(long bytes);
}
