namespace RealtimeAsr.Cli.Manifests;

/// <summary>
/// Reads what <c>eval</c> is given: a folder (see <see cref="FolderManifest"/>), or a manifest file. A manifest is
/// JSON lines when its extension is <c>.jsonl</c>/<c>.ndjson</c>/<c>.json</c>, TSV when <c>.tsv</c>, and otherwise
/// JSON lines when its first line that is neither blank nor a <c>#</c> comment starts with <c>{</c>.
/// Relative audio paths resolve against the manifest's folder; every audio file must exist.
/// </summary>
internal static class ManifestReader
{
    /// <exception cref="ManifestException">The input is missing, malformed, empty, names a missing audio file or one file twice.</exception>
    public static IReadOnlyList<ManifestEntry> Read(string input)
    {
        if (Directory.Exists(input))
        {
            var found = FolderManifest.Read(input, input);
            return found.Count > 0 ? found : throw new ManifestException($"{input}: no audio files (name.wav with name.txt) in this folder");
        }

        if (!File.Exists(input))
        {
            throw new ManifestException($"{input}: no such manifest file or folder");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(input))!;
        var lines = IsJsonLines(input) ? JsonlManifest.Read(input, input) : TsvManifest.Read(input, input);
        var entries = new List<ManifestEntry>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var (line, audio, reference, language) in lines)
            {
                var where = $"{input}:{line}";
                var path = Path.GetFullPath(audio, folder);
                if (!firstLine.TryAdd(audio, line))
                {
                    throw new ManifestException($"{where}: {audio} is listed twice (first on line {firstLine[audio]})");
                }

                if (!File.Exists(path))
                {
                    throw new ManifestException($"{where}: no such audio file: {path}");
                }

                entries.Add(new ManifestEntry(audio, path, reference, language, where));
            }
        }
        catch (IOException exception)
        {
            throw new ManifestException($"{input}: {exception.Message}", exception);
        }

        return entries.Count > 0 ? entries : throw new ManifestException($"{input}: no entries");
    }

    private static bool IsJsonLines(string path)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".jsonl" or ".ndjson" or ".json":
                return true;
            case ".tsv":
                return false;
        }

        var first = File.ReadLines(path).Select(line => line.TrimStart('\uFEFF').TrimStart())
            .FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#'));
        return first?.StartsWith('{') == true;
    }
}
