namespace RealtimeAsr.Server;

/// <summary>
/// What an OpenAI <c>session</c> object says that the session core does not keep (its own settings carry language,
/// prompt as corpus, VAD threshold and silence): echoed back in <c>session.created</c>/<c>session.updated</c>.
/// </summary>
/// <param name="Format">The client's audio format.</param>
/// <param name="Model">The transcription model named (or the connection's model).</param>
/// <param name="NoiseReductionJson">The <c>noise_reduction</c> object as sent (accepted, not applied), or <see langword="null"/>.</param>
/// <param name="VadType"><c>server_vad</c> or <c>semantic_vad</c> (mapped onto server VAD).</param>
/// <param name="Eagerness">The <c>semantic_vad</c> eagerness, or <see langword="null"/>.</param>
/// <param name="PrefixPaddingMs">The <c>prefix_padding_ms</c> echoed (the VAD keeps its own padding).</param>
/// <param name="IncludeJson">The <c>include</c> array as sent, or <see langword="null"/>.</param>
public sealed record OpenAISessionEcho(
    OpenAIInputFormat Format,
    string Model,
    string? NoiseReductionJson,
    string VadType,
    string? Eagerness,
    int PrefixPaddingMs,
    string? IncludeJson)
{
    /// <summary>OpenAI's default <c>prefix_padding_ms</c>.</summary>
    public const int DefaultPrefixPaddingMs = 300;

    /// <summary>A new connection's: 24 kHz PCM, server VAD.</summary>
    public static OpenAISessionEcho Initial(string model) =>
        new(OpenAIInputFormat.Pcm24k, model, null, "server_vad", null, DefaultPrefixPaddingMs, null);
}
