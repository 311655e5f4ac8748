namespace RealtimeAsr.Cli.Manifests;

/// <summary>
/// A folder of <c>name.wav</c> (or <c>.opus</c>, <c>.ogg</c>) files, each with its reference in <c>name.txt</c>
/// (UTF-8; line breaks read as spaces). Files are evaluated in name order; an audio file without its text is an error.
/// </summary>
internal static class FolderManifest
{
    private static readonly string[] s_audioExtensions = [".wav", ".opus", ".ogg"];

    public static IReadOnlyList<ManifestEntry> Read(string folder, string displayName)
    {
        var entries = new List<ManifestEntry>();
        var audioFiles = Directory.EnumerateFiles(folder)
            .Where(file => s_audioExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var audio in audioFiles)
        {
            var name = Path.GetFileName(audio);
            var textPath = Path.ChangeExtension(audio, ".txt");
            if (!File.Exists(textPath))
            {
                throw new ManifestException($"{Path.Combine(displayName, name)}: no reference {Path.GetFileName(textPath)} beside it");
            }

            var reference = string.Join(' ', File.ReadAllLines(textPath).Select(line => line.Trim()).Where(line => line.Length > 0));
            entries.Add(new ManifestEntry(name, Path.GetFullPath(audio), reference, null, Path.Combine(displayName, name)));
        }

        return entries;
    }
}
