using System.Text.Json;

namespace RealtimeAsr.Cli.Manifests;

/// <summary>
/// One JSON object per line: <c>{"audio": …, "reference": …, "language": …}</c>. <c>text</c> is accepted for
/// <c>reference</c> and <c>audio_filepath</c> for <c>audio</c> (the NeMo manifest names); other members are ignored.
/// Blank lines are skipped.
/// </summary>
internal static class JsonlManifest
{
    public const string Expected = "expected a JSON object with \"audio\" and \"reference\" strings (and optionally \"language\")";

    public static IEnumerable<(int Line, string Audio, string Reference, string? Language)> Read(string path, string displayName)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var text = lineNumber == 1 ? line.TrimStart('\uFEFF') : line;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (audio, reference, language) = Parse(text, $"{displayName}:{lineNumber}");
            yield return (lineNumber, audio, reference, language);
        }
    }

    private static (string Audio, string Reference, string? Language) Parse(string line, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            throw new ManifestException($"{where}: invalid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ManifestException($"{where}: {Expected}");
            }

            var audio = Member(root, where, "audio", "audio_filepath");
            var reference = Member(root, where, "reference", "text");
            var language = Member(root, where, "language");
            if (string.IsNullOrWhiteSpace(audio) || reference is null)
            {
                throw new ManifestException($"{where}: {Expected}");
            }

            return (audio.Trim(), reference.Trim(), string.IsNullOrWhiteSpace(language) ? null : language.Trim());
        }
    }

    /// <summary>The first of <paramref name="names"/> present, as a string; null when absent or JSON null.</summary>
    private static string? Member(JsonElement root, string where, params string[] names)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new ManifestException($"{where}: \"{name}\" must be a string"),
                };
            }
        }

        return null;
    }
}
