namespace RealtimeAsr.Server;

/// <summary>
/// Limits of the OpenAI-compatible file transcription route (<c>POST /v1/audio/transcriptions</c>), bound from
/// <c>RealtimeAsr:OpenAI</c>. See docs/OPENAI.md, "Limits".
/// </summary>
public sealed class OpenAITranscriptionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OpenAI";

    /// <summary>
    /// Largest uploaded file, in bytes. Default 26 214 400 (25 MB, OpenAI's own limit). A larger file, or a request whose
    /// <c>Content-Length</c> says it holds one, is refused with 413 before its body is read.
    /// </summary>
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// Most file transcriptions at once, server-wide; another gets 503 with <c>Retry-After</c>. Default 2: each also
    /// takes a place in the live sessions' admission (<c>RealtimeAsr:Limits</c>), and recognises as fast as its worker
    /// slots allow, so this bounds how many of the cores and places uploads can take from live talkers. 0 turns the
    /// route off (every request gets 503).
    /// </summary>
    public int MaxConcurrentTranscriptions { get; set; } = 2;

    /// <summary>
    /// Longest audio in one file. Default 30 min: its samples are held in memory while it is transcribed (16 kHz
    /// 16-bit: about 58 MB for 30 min). Longer audio gets 400 (<c>audio_too_long</c>).
    /// </summary>
    public TimeSpan MaxAudioDuration { get; set; } = TimeSpan.FromMinutes(30);
}
