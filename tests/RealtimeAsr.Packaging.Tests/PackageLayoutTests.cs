using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RealtimeAsr.Packaging.Tests.Support;

namespace RealtimeAsr.Packaging.Tests;

/// <summary>
/// What the packed packages hold (issue 13, items 5, 6 and 9): libraries for .NET 8 and 10 with README and symbols, a
/// portable client tool with no native parts, and a Linux x64 server tool that carries its natives and the VAD model.
/// </summary>
[Collection(PackageFeed.Name)]
public sealed class PackageLayoutTests(PackedPackages packages)
{
    [Theory]
    [InlineData("RealtimeAsr.Protocol")]
    [InlineData("RealtimeAsr.Client")]
    public void Libraries_target_net8_and_net10_with_readme_and_symbols(string id)
    {
        var entries = packages.Entries(id);

        Assert.Contains($"lib/net8.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net8.0/{id}.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("runtimes/", StringComparison.Ordinal));

        var nuspec = packages.ReadEntry(id, id + ".nuspec");
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.Matches("<repository type=\"git\" url=\"https://[^\"]+\"[^>]* commit=\"[0-9a-f]{40}\"", nuspec);

        var symbols = packages.Entries(id, "snupkg");
        Assert.Contains($"lib/net8.0/{id}.pdb", symbols);
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols);
    }

    [Fact]
    public void Protocol_exposes_no_server_only_types()
    {
        var publicTypes = PublicTypeNames(packages.PackagePath("RealtimeAsr.Protocol"), "lib/net10.0/RealtimeAsr.Protocol.dll");

        Assert.Contains("RealtimeAsr.Protocol.ProtocolSerializer", publicTypes);
        Assert.Contains("RealtimeAsr.Protocol.TurnDetectionSettings", publicTypes);
        foreach (var serverOnly in new[] { "SessionUpdateMerger", "SessionSettings", "SettingsError", "ProtocolJsonContext", "JsonStrings" })
        {
            Assert.DoesNotContain("RealtimeAsr.Protocol." + serverOnly, publicTypes);
        }
    }

    [Fact]
    public void Client_tool_is_portable_and_small()
    {
        var entries = packages.Entries("RealtimeAsr.Cli");
        var tool = entries.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)).ToList();

        // RID-less, framework-dependent: one folder every platform installs from.
        Assert.All(tool, e => Assert.StartsWith("tools/net10.0/any/", e, StringComparison.Ordinal));
        Assert.Contains("tools/net10.0/any/realtime-asr.dll", tool);
        // `models` (catalogue, cache, downloader): a managed project reference carried in the tool, not a package.
        Assert.Contains("tools/net10.0/any/RealtimeAsr.Models.dll", tool);
        Assert.DoesNotContain(entries, e => e.Contains("runtimes/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.EndsWith(".onnx", StringComparison.Ordinal) || e.EndsWith(".so", StringComparison.Ordinal));
        Assert.DoesNotContain("tools/net10.0/any/RealtimeAsr.Server.dll", entries);
        Assert.DoesNotContain("tools/net10.0/any/RealtimeAsr.Audio.dll", entries);

        var settings = packages.ReadEntry("RealtimeAsr.Cli", "tools/net10.0/any/DotnetToolSettings.xml");
        Assert.Contains("Name=\"realtime-asr\"", settings, StringComparison.Ordinal);

        // It was 21 MB with ONNX Runtime for two platforms and the VAD model; the managed tool is under 2 MB.
        Assert.InRange(new FileInfo(packages.PackagePath("RealtimeAsr.Cli")).Length, 100_000, 5_000_000);
        Assert.True(File.Exists(packages.PackagePath("RealtimeAsr.Cli", "snupkg")));
    }

    [Fact]
    public void Server_tool_is_linux_x64_with_its_natives_and_the_vad_model()
    {
        var entries = packages.Entries("RealtimeAsr.Server");
        var tool = entries.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)).ToList();

        Assert.All(tool, e => Assert.StartsWith("tools/net10.0/linux-x64/", e, StringComparison.Ordinal));
        Assert.Contains("tools/net10.0/linux-x64/RealtimeAsr.Server.dll", tool);
        Assert.Contains("tools/net10.0/linux-x64/libonnxruntime.so", tool);
        Assert.Contains("tools/net10.0/linux-x64/models/silero_vad_v6.onnx", tool);
        Assert.Contains("tools/net10.0/linux-x64/appsettings.json", tool);
        // whisper.cpp for Linux x64, where Whisper.net's loader looks for it.
        Assert.Contains("tools/net10.0/linux-x64/runtimes/linux-x64/libwhisper.so", tool);
        // Linux x64 natives only: no Windows or macOS ONNX Runtime, no other platform's whisper.cpp.
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).Equals("onnxruntime.dll", StringComparison.OrdinalIgnoreCase)
            || e.EndsWith(".dylib", StringComparison.Ordinal) || e.EndsWith(".metal", StringComparison.Ordinal)
            || (e.Contains("runtimes/", StringComparison.Ordinal) && !e.Contains("/runtimes/linux-x64/", StringComparison.Ordinal)));

        var settings = packages.ReadEntry("RealtimeAsr.Server", "tools/net10.0/linux-x64/DotnetToolSettings.xml");
        Assert.Contains("Name=\"realtime-asr-server\"", settings, StringComparison.Ordinal);
        Assert.Contains("README.md", entries);
    }

    private static HashSet<string> PublicTypeNames(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var dll = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        var metadata = pe.GetMetadataReader();
        return
        [
            .. metadata.TypeDefinitions
                .Select(metadata.GetTypeDefinition)
                .Where(t => (t.Attributes & System.Reflection.TypeAttributes.VisibilityMask) == System.Reflection.TypeAttributes.Public)
                .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}"),
        ];
    }
}
