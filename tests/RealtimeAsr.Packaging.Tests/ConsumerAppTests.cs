using System.Globalization;
using RealtimeAsr.Packaging.Tests.Support;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Packaging.Tests;

/// <summary>
/// Applications that reference the Client package from the local feed, as an adopter's would: a .NET 8 application
/// (issue 13, item 6) that runs on the installed .NET 10 runtime, and a native AOT one (item 9: AOT/trimming
/// compatible) that publishes without a single trim or AOT warning. Both connect to the real server and transcribe a LibriVox clip.
/// </summary>
[Collection(PackageFeed.Name)]
public sealed class ConsumerAppTests(PackedPackages packages, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Program = """
        using RealtimeAsr.Client;

        var client = new RealtimeAsrClient(new Uri(args[0]), args[1]);
        await using (var session = await client.ConnectAsync())
        {
            Console.WriteLine($"session {session.SessionId}");
        }

        var results = 0;
        await foreach (var result in client.TranscribeFileAsync(args[2]))
        {
            Console.WriteLine($"result {result}");
            results++;
        }

        Console.WriteLine($"done: {results} results on .NET {Environment.Version.Major}");
        """;

    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(5);

    private static string Clip => Path.Combine(TestAudio.LibriVoxDirectory, TestAudio.LibriVoxClips()[0].Name + ".wav");

    [Fact]
    public async Task A_net8_application_builds_against_the_client_and_runs_on_the_installed_runtime()
    {
        var app = await WriteAppAsync("Net8App", """
            <TargetFramework>net8.0</TargetFramework>
            <!-- Runs on the newest installed runtime (.NET 10 here), as a .NET 8 application does where 8 is absent. -->
            <RollForward>Major</RollForward>
            <UseAppHost>false</UseAppHost>
            """);

        (await DotNet.RunAsync(app, s_buildTimeout, "build", "-c", "Release", "-nodeReuse:false"))
            .EnsureSuccess("dotnet build (net8.0)");
        var run = await DotNet.RunAsync(app, TimeSpan.FromMinutes(2),
            Path.Combine(app, "bin", "Release", "net8.0", "Net8App.dll"), server.RealtimeUri().ToString(), ServerFixture.ApiKey, Clip);

        AssertTranscribed(run, runtimeMajor: Environment.Version.Major);
    }

    [Fact]
    public async Task A_native_aot_application_publishes_without_trim_or_aot_warnings_and_runs()
    {
        // Native AOT links with clang (and zlib); scripts/setup.sh installs them. Debian may have only clang-NN.
        var clang = FindClang() ?? throw new InvalidOperationException(
            "Native AOT needs clang and zlib1g-dev on the PATH; run scripts/setup.sh (apt-get install clang zlib1g-dev).");
        var app = await WriteAppAsync("AotApp", $"""
            <TargetFramework>net10.0</TargetFramework>
            <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
            <PublishAot>true</PublishAot>
            <CppCompilerAndLinker>{clang}</CppCompilerAndLinker>
            <!-- Every warning on its own line (not one per assembly), so any at all is seen. -->
            <TrimmerSingleWarn>false</TrimmerSingleWarn>
            <InvariantGlobalization>true</InvariantGlobalization>
            """);

        var publish = (await DotNet.RunAsync(app, s_buildTimeout, "publish", "-c", "Release", "-o", Path.Combine(app, "out"),
            "-nodeReuse:false")).EnsureSuccess("dotnet publish (native AOT)");

        // IL2xxx: trimming; IL3xxx: AOT (dynamic code, single file).
        var warnings = publish.Output.Split('\n').Where(line => line.Contains("warning IL", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(warnings.Count == 0, "Trim/AOT warnings:\n" + string.Join('\n', warnings));
        var run = await DotNet.RunProgramAsync(Path.Combine(app, "out", "AotApp"), app, TimeSpan.FromMinutes(2), null,
            server.RealtimeUri().ToString(), ServerFixture.ApiKey, Clip);
        AssertTranscribed(run, runtimeMajor: 10);
    }

    /// <summary><c>clang</c>, else the newest <c>clang-NN</c> on the PATH.</summary>
    private static string? FindClang()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (folders.Any(folder => File.Exists(Path.Combine(folder, "clang"))))
        {
            return "clang";
        }

        return folders
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "clang-*"))
            .Select(path => Path.GetFileName(path))
            .Select(name => (Name: name, Version: int.TryParse(name["clang-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1))
            .Where(clang => clang.Version >= 0)
            .OrderByDescending(clang => clang.Version)
            .Select(clang => clang.Name)
            .FirstOrDefault();
    }

    private static void AssertTranscribed(ProcessRun run, int runtimeMajor)
    {
        run.EnsureSuccess("the application");
        Assert.Matches("session sess_[0-9A-Za-z]{21}", run.Output);
        Assert.Contains("result ", run.Output, StringComparison.Ordinal);
        Assert.Contains($"on .NET {runtimeMajor}", run.Output, StringComparison.Ordinal);
    }

    private async Task<string> WriteAppAsync(string name, string properties)
    {
        var folder = Path.Combine(packages.Root, name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
            {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RealtimeAsr.Client" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), Program);
        return folder;
    }
}
