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

    /// <summary>
    /// The languages an engine serves whose <c>Languages</c> setting is <paramref name="configured"/>: those codes, or
    /// all of the protocol's when the setting is empty (remote engines, which serve what their backend does).
    /// </summary>
    public static IReadOnlySet<string> Served(IEnumerable<string>? configured) =>
        configured?.ToHashSet(StringComparer.Ordinal) is { Count: > 0 } codes ? codes : All;
}
