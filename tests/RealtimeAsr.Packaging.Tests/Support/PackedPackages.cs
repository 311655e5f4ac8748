using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace RealtimeAsr.Packaging.Tests.Support;

/// <summary>
/// Packs Protocol, Client and the two tools once (one <c>dotnet pack</c> of a solution filter) into a local feed in a
/// temporary folder, with a nuget.config that sees only that feed and the machine's own NuGet sources. The version is
/// unique to the run (<c>0.1.0-pack.…</c>) so NuGet's global package cache never serves a package packed earlier;
/// those cache entries are removed again at the end.
/// </summary>
public sealed partial class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Projects =
    [
        "src/RealtimeAsr.Protocol/RealtimeAsr.Protocol.csproj",
        "src/RealtimeAsr.Client/RealtimeAsr.Client.csproj",
        "src/RealtimeAsr.Cli/RealtimeAsr.Cli.csproj",
        "src/RealtimeAsr.Server/RealtimeAsr.Server.csproj",
    ];

    private readonly Lock _gate = new();
    private Task<string>? _installedTool;

    public PackedPackages()
    {
        Root = Directory.CreateTempSubdirectory("realtimeasr-pack-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = "0.1.0-pack." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }

    /// <summary>The temporary folder: the feed, nuget.config and whatever the tests build there.</summary>
    public string Root { get; }

    /// <summary>The local feed the packages were packed into.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary><c>nuget.config</c> in <see cref="Root"/>: the local feed first, then the machine's enabled sources.</summary>
    public string NuGetConfig => Path.Combine(Root, "nuget.config");

    /// <summary>How long packing took, for the record.</summary>
    public TimeSpan PackTime { get; private set; }

    public async Task InitializeAsync()
    {
        var filter = Path.Combine(Root, "packages.slnf");
        var projects = string.Join(", ", Projects.Select(p => $"\"{p}\""));
        var solution = Path.Combine(DotNet.RepositoryRoot, "RealtimeAsr.slnx").Replace("\\", "\\\\", StringComparison.Ordinal);
        await File.WriteAllTextAsync(filter, $$"""{ "solution": { "path": "{{solution}}", "projects": [ {{projects}} ] } }""");

        var started = DateTime.UtcNow;
        (await DotNet.RunAsync(Root, TimeSpan.FromMinutes(10), "pack", filter, "-c", "Release", "-o", Feed,
            $"-p:Version={Version}", "-nodeReuse:false")).EnsureSuccess("dotnet pack");
        PackTime = DateTime.UtcNow - started;

        var sources = await MachineSourcesAsync();
        await File.WriteAllTextAsync(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
            {string.Concat(sources.Select((url, i) => $"    <add key=\"machine{i}\" value=\"{url}\" />\n"))}  </packageSources>
            </configuration>
            """);
    }

    /// <summary>
    /// The client tool installed once (<c>dotnet tool install --tool-path</c>) from the local feed: the command's path.
    /// </summary>
    public Task<string> InstalledClientToolAsync()
    {
        lock (_gate)
        {
            return _installedTool ??= InstallClientToolAsync();
        }
    }

    private async Task<string> InstallClientToolAsync()
    {
        var toolPath = Path.Combine(Root, "tools");
        (await DotNet.RunAsync(Root, TimeSpan.FromMinutes(5), "tool", "install", "RealtimeAsr.Cli",
            "--version", Version, "--tool-path", toolPath, "--configfile", NuGetConfig))
            .EnsureSuccess("dotnet tool install");
        return Path.Combine(toolPath, OperatingSystem.IsWindows() ? "realtime-asr.exe" : "realtime-asr");
    }

    /// <summary>The path of <paramref name="id"/>'s package (<c>.nupkg</c> or <c>.snupkg</c>).</summary>
    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    /// <summary>Every entry of a package, '/'-separated.</summary>
    public IReadOnlyList<string> Entries(string id, string extension = "nupkg")
    {
        using var zip = ZipFile.OpenRead(PackagePath(id, extension));
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>The text of one entry of a package.</summary>
    public string ReadEntry(string id, string entry)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    public async Task DisposeAsync()
    {
        // This run's packages in the global cache (the net8.0 and trimmed applications restored them there).
        var cache = await GlobalPackagesFolderAsync();
        if (cache is not null)
        {
            foreach (var project in Projects)
            {
                var id = Path.GetFileNameWithoutExtension(project).ToLowerInvariant();
                TryDelete(Path.Combine(cache, id, Version.ToLowerInvariant()));
            }
        }

        TryDelete(Root);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing the run for.
        }
    }

    /// <summary>The enabled sources of the machine's NuGet configuration (a mirror where the machine uses one).</summary>
    private async Task<IReadOnlyList<string>> MachineSourcesAsync()
    {
        var run = (await DotNet.RunAsync(Root, TimeSpan.FromMinutes(1), "nuget", "list", "source", "--format", "short"))
            .EnsureSuccess("dotnet nuget list source");
        return [.. EnabledSource().Matches(run.Output).Select(m => m.Groups[1].Value)
            .Where(url => !string.Equals(url.TrimEnd('/'), Feed.TrimEnd('/'), StringComparison.Ordinal))];
    }

    private async Task<string?> GlobalPackagesFolderAsync()
    {
        var run = await DotNet.RunAsync(Root, TimeSpan.FromMinutes(1), "nuget", "locals", "global-packages", "--list");
        var match = GlobalPackages().Match(run.Output);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    // "E https://api.nuget.org/v3/index.json": E for enabled (D for disabled).
    [GeneratedRegex(@"^\s*E\w*\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EnabledSource();

    [GeneratedRegex(@"global-packages:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex GlobalPackages();
}

/// <summary>One pack for every test class that needs the packages.</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeed : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
