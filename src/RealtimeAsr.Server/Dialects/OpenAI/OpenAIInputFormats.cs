namespace RealtimeAsr.Server;

/// <summary>Wire names and session rates of <see cref="OpenAIInputFormat"/>.</summary>
public static class OpenAIInputFormats
{
    /// <summary>The only PCM rate of OpenAI's Realtime API.</summary>
    public const int PcmRate = 24000;

    /// <summary>The rate of G.711.</summary>
    public const int G711Rate = 8000;

    /// <summary>The GA <c>format.type</c>.</summary>
    public static string GaName(this OpenAIInputFormat format) => format switch
    {
        OpenAIInputFormat.Pcmu => "audio/pcmu",
        OpenAIInputFormat.Pcma => "audio/pcma",
        _ => "audio/pcm",
    };

    /// <summary>The beta <c>input_audio_format</c>.</summary>
    public static string BetaName(this OpenAIInputFormat format) => format switch
    {
        OpenAIInputFormat.Pcmu => "g711_ulaw",
        OpenAIInputFormat.Pcma => "g711_alaw",
        _ => "pcm16",
    };

    /// <summary>The rate of the client's samples.</summary>
    public static int WireRate(this OpenAIInputFormat format) => format == OpenAIInputFormat.Pcm24k ? PcmRate : G711Rate;

    /// <summary>The session's <c>sample_rate</c> for the PCM the edge hands it: 16 kHz after resampling, or 8 kHz for G.711.</summary>
    public static int SessionRate(this OpenAIInputFormat format) => format == OpenAIInputFormat.Pcm24k ? 16000 : G711Rate;

    /// <summary>Parses a GA <c>format.type</c>.</summary>
    public static OpenAIInputFormat? FromGaName(string name) => name switch
    {
        "audio/pcm" => OpenAIInputFormat.Pcm24k,
        "audio/pcmu" => OpenAIInputFormat.Pcmu,
        "audio/pcma" => OpenAIInputFormat.Pcma,
        _ => null,
    };

    /// <summary>Parses a beta <c>input_audio_format</c>.</summary>
    public static OpenAIInputFormat? FromBetaName(string name) => name switch
    {
        "pcm16" => OpenAIInputFormat.Pcm24k,
        "g711_ulaw" => OpenAIInputFormat.Pcmu,
        "g711_alaw" => OpenAIInputFormat.Pcma,
        _ => null,
    };
}
