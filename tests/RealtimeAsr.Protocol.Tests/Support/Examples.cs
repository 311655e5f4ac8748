using System.Text.Json.Nodes;

namespace RealtimeAsr.Protocol.Tests.Support;

/// <summary>The JSON examples of protocol.md, copied to the output folder (see Examples/README.md).</summary>
internal static class Examples
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Examples");

    public static byte[] ReadBytes(string file) => File.ReadAllBytes(Path.Combine(Folder, file));

    public static JsonNode ReadNode(string file) => JsonNode.Parse(ReadBytes(file))!;

    /// <summary>File names starting with <paramref name="prefix"/> (<c>client.</c> or <c>server.</c>), sorted.</summary>
    public static IReadOnlyList<string> Named(string prefix) =>
        [.. Directory.EnumerateFiles(Folder, prefix + "*.json")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> TheoryData(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var name in Named(prefix))
        {
            data.Add(name);
        }

        return data;
    }
}
