using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// Reads a backend's <c>response_format=json</c> answer, <c>{"text": …}</c> with an optional <c>language</c>, into the
/// window's text and the language it names in the protocol's terms. Qwen3-ASR (served by vLLM or <c>qwen-asr-serve</c>)
/// may put its own header before the text, <c>language English&lt;asr_text&gt;</c>: it is removed, and its language
/// name is the detected language, since vLLM's endpoint returns none (QwenLM/Qwen3-ASR issue 119).
/// </summary>
internal static partial class BackendTranscript
{
    // Qwen3-ASR's names for the protocol's languages; OpenAI's verbose answers name languages in lower case ("english").
    private static readonly FrozenDictionary<string, string> s_codesByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Chinese"] = "zh", ["Mandarin"] = "zh", ["Cantonese"] = "yue", ["English"] = "en", ["Japanese"] = "ja",
        ["German"] = "de", ["Korean"] = "ko", ["Russian"] = "ru", ["French"] = "fr", ["Portuguese"] = "pt",
        ["Arabic"] = "ar", ["Italian"] = "it", ["Spanish"] = "es", ["Hindi"] = "hi", ["Indonesian"] = "id",
        ["Thai"] = "th", ["Turkish"] = "tr", ["Ukrainian"] = "uk", ["Vietnamese"] = "vi", ["Czech"] = "cs",
        ["Danish"] = "da", ["Filipino"] = "fil", ["Tagalog"] = "fil", ["Finnish"] = "fi", ["Icelandic"] = "is",
        ["Malay"] = "ms", ["Norwegian"] = "no", ["Polish"] = "pl", ["Swedish"] = "sv",
        // Whisper's code for Filipino, which OpenAI-style servers built on Whisper report.
        ["tl"] = "fil",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text and language of a JSON answer.</summary>
    /// <exception cref="JsonException">The answer is not a JSON object with a string <c>text</c>.</exception>
    public static (string Text, string? Language) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("The answer has no \"text\" string.");
        }

        var (stripped, headerLanguage) = StripQwenHeader(text.GetString()!);
        var language = root.TryGetProperty("language", out var named) && named.ValueKind == JsonValueKind.String
            ? ToProtocolCode(named.GetString()!)
            : null;
        return (stripped, language ?? headerLanguage);
    }

    /// <summary>
    /// Removes every <c>language X&lt;asr_text&gt;</c> header from <paramref name="text"/> (one per chunk of audio the
    /// server decoded) and returns the first header's language as a protocol code (<see langword="null"/> for none,
    /// <c>None</c> or a language the protocol does not name).
    /// </summary>
    public static (string Text, string? Language) StripQwenHeader(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? language = null;
        var first = true;
        var stripped = QwenHeader().Replace(text, match =>
        {
            if (first)
            {
                first = false;
                language = ToProtocolCode(match.Groups["name"].Value);
            }

            return " ";
        });
        return (WhiteSpace().Replace(stripped, " ").Trim(), language);
    }

    /// <summary>
    /// The protocol's code for a language as a backend names it: a protocol code as is, Qwen3-ASR's or OpenAI's
    /// English name, Whisper's <c>tl</c>; <see langword="null"/> for anything else.
    /// </summary>
    public static string? ToProtocolCode(string name)
    {
        var trimmed = name.Trim();
        if (ProtocolLanguages.All.Contains(trimmed.ToLowerInvariant()))
        {
            return trimmed.ToLowerInvariant();
        }

        return s_codesByName.GetValueOrDefault(trimmed);
    }

    [GeneratedRegex(@"language\s+(?<name>[A-Za-z]+)\s*<asr_text>", RegexOptions.CultureInvariant)]
    private static partial Regex QwenHeader();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();
}
