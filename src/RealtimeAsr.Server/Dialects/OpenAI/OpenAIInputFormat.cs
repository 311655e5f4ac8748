namespace RealtimeAsr.Server;

/// <summary>The input audio formats of OpenAI's Realtime API, and what the session is given for each.</summary>
public enum OpenAIInputFormat
{
    /// <summary>16-bit LE mono PCM at 24 kHz (GA <c>audio/pcm</c>, beta <c>pcm16</c>): resampled to 16 kHz at the edge.</summary>
    Pcm24k,

    /// <summary>G.711 μ-law at 8 kHz (GA <c>audio/pcmu</c>, beta <c>g711_ulaw</c>): expanded to 8 kHz PCM at the edge.</summary>
    Pcmu,

    /// <summary>G.711 A-law at 8 kHz (GA <c>audio/pcma</c>, beta <c>g711_alaw</c>): expanded to 8 kHz PCM at the edge.</summary>
    Pcma,
}
