using System.Collections.Frozen;

namespace RealtimeAsr.Recognition;

/// <summary>
/// The language codes of the protocol: the 27 Qwen-ASR Realtime serves, as Alibaba Cloud's documentation lists them
/// (ISO 639-1, plus <c>yue</c> for Cantonese and <c>fil</c> for Filipino). Engines that can take any of them (Whisper's
/// multilingual models, remote backends) serve this set or part of it.
/// </summary>
public static class ProtocolLanguages
{
    /// <summary>All 27 codes.</summary>
    public static IReadOnlySet<string> All { get; } = new[]
    {
        "zh", "yue", "en", "ja", "de", "ko", "ru", "fr", "pt", "ar", "it", "es", "hi", "id", "th", "tr", "uk", "vi",
        "cs", "da", "fil", "fi", "is", "ms", "no", "pl", "sv",
    }.ToFrozenSet(StringComparer.Ordinal);
}
