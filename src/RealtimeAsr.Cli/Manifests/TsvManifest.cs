namespace RealtimeAsr.Cli.Manifests;

/// <summary>
/// <c>audio&lt;TAB&gt;reference[&lt;TAB&gt;language]</c>, one file per line. Blank lines and lines starting with
/// <c>#</c> are skipped; the first other line is a header, and skipped, when its first two fields are
/// <c>audio</c> and <c>reference</c> (any case). A reference may be empty (a recording without speech).
/// </summary>
internal static class TsvManifest
{
    public const string Expected = "expected 'audio<TAB>reference[<TAB>language]'";

    public static IEnumerable<(int Line, string Audio, string Reference, string? Language)> Read(string path, string displayName)
    {
        var lineNumber = 0;
        var seenData = false;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var text = lineNumber == 1 ? line.TrimStart('\uFEFF') : line;
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#'))
            {
                continue;
            }

            var fields = text.TrimEnd('\r').Split('\t');
            if (fields.Length is < 2 or > 3 || string.IsNullOrWhiteSpace(fields[0]))
            {
                throw new ManifestException($"{displayName}:{lineNumber}: {Expected}");
            }

            var isHeader = !seenData
                && fields[0].Trim().Equals("audio", StringComparison.OrdinalIgnoreCase)
                && fields[1].Trim().Equals("reference", StringComparison.OrdinalIgnoreCase);
            seenData = true;
            if (isHeader)
            {
                continue;
            }

            var language = fields.Length == 3 && !string.IsNullOrWhiteSpace(fields[2]) ? fields[2].Trim() : null;
            yield return (lineNumber, fields[0].Trim(), fields[1].Trim(), language);
        }
    }
}
