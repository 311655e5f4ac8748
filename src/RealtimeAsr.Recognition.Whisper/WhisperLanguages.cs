using System.Collections.Frozen;

namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// The protocol's language codes (the 27 Qwen-ASR Realtime serves) and Whisper's. They are the same ISO 639-1 codes
/// except Filipino, which Whisper calls Tagalog (<c>tl</c>); Cantonese (<c>yue</c>) exists only in the vocabulary of
/// large-v3 and its turbo (51866 tokens); an English-only <c>.en</c> model knows <c>en</c> alone.
/// </summary>
public static class WhisperLanguages
{
    /// <summary>The protocol's codes (<see cref="ProtocolLanguages.All"/>).</summary>
    public static IReadOnlySet<string> Protocol => ProtocolLanguages.All;

    private const string Cantonese = "yue";
    private const string English = "en";

    // Large-v3 added Cantonese as one more language token after the 99 of the earlier multilingual models.
    private const int LargeV3VocabularySize = 51866;

    private static readonly FrozenDictionary<string, string> s_protocolToWhisper =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["fil"] = "tl" }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_whisperToProtocol =
        s_protocolToWhisper.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_englishOnly = new[] { English }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_withoutCantonese =
        Protocol.Where(code => code != Cantonese).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The protocol's codes a model with <paramref name="model"/>'s vocabulary can transcribe.</summary>
    public static IReadOnlySet<string> SupportedBy(WhisperModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return !model.IsMultilingual ? s_englishOnly
            : model.VocabularySize >= LargeV3VocabularySize ? Protocol
            : s_withoutCantonese;
    }

    /// <summary>Whisper's code for a protocol code (<c>fil</c> → <c>tl</c>; the others are the same).</summary>
    public static string ToWhisper(string protocolCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocolCode);
        return s_protocolToWhisper.GetValueOrDefault(protocolCode, protocolCode);
    }

    /// <summary>
    /// The protocol's code for a language Whisper detected (<c>tl</c> → <c>fil</c>). Languages outside the protocol's 27
    /// keep Whisper's code: the transcript is in that language, and saying so is more useful than a wrong label.
    /// </summary>
    public static string FromWhisper(string whisperCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(whisperCode);
        return s_whisperToProtocol.GetValueOrDefault(whisperCode, whisperCode);
    }
}
