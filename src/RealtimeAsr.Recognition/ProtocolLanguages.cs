using System.Collections.Frozen;

namespace RealtimeAsr.Recognition;

/// <summary>The language codes of the Qwen-ASR Realtime protocol (ISO 639-1, plus <c>yue</c> and <c>fil</c>).</summary>
public static class ProtocolLanguages
{
    /// <summary>The 27 codes Alibaba Cloud's documentation lists for requests and results.</summary>
    public static IReadOnlySet<string> All { get; } = new[]
    {
        "zh", "yue", "en", "ja", "de", "ko", "ru", "fr", "pt", "ar", "it", "es", "hi", "id", "th", "tr", "uk", "vi",
        "cs", "da", "fil", "fi", "is", "ms", "no", "pl", "sv",
    }.ToFrozenSet(StringComparer.Ordinal);
}
