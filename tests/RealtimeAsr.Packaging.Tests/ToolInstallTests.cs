using RealtimeAsr.Packaging.Tests.Support;

namespace RealtimeAsr.Packaging.Tests;

/// <summary>
/// <c>dotnet tool install</c> of the client tool from the local feed (issue 13, item 5), then the installed command:
/// help, and <c>serve</c> with and without the server tool on the PATH.
/// </summary>
[Collection(PackageFeed.Name)]
public sealed class ToolInstallTests(PackedPackages packages) : IAsyncLifetime
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(1);

    private string _command = "";

    public async Task InitializeAsync() => _command = await packages.InstalledClientToolAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_installed_tool_prints_help()
    {
        var run = await DotNet.RunProgramAsync(_command, packages.Root, s_runTimeout, null, "--help");

        run.EnsureSuccess("realtime-asr --help");
        Assert.Contains("transcribe", run.Output, StringComparison.Ordinal);
        Assert.Contains("eval", run.Output, StringComparison.Ordinal);
        Assert.Contains("serve", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_the_server_tool_says_how_to_get_it_in_one_line()
    {
        using var emptyBin = new TempDirectory(packages.Root);

        var run = await DotNet.RunProgramAsync(_command, packages.Root, s_runTimeout, emptyBin.Path, "serve");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("dotnet tool install -g RealtimeAsr.Server", line, StringComparison.Ordinal);
        Assert.Contains("./scripts/serve.sh", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_runs_the_server_tool_on_the_path_with_every_argument()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var bin = new TempDirectory(packages.Root);
        var fake = Path.Combine(bin.Path, "realtime-asr-server");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho \"server args: $*\"\nexit 7\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var run = await DotNet.RunProgramAsync(_command, packages.Root, s_runTimeout, bin.Path + ":/usr/bin:/bin",
            "serve", "--urls", "http://127.0.0.1:9999", "--RealtimeAsr:ApiKeys:0=k");

        Assert.Equal(7, run.ExitCode);
        Assert.Contains("server args: --urls http://127.0.0.1:9999 --RealtimeAsr:ApiKeys:0=k", run.Output, StringComparison.Ordinal);
    }
}
