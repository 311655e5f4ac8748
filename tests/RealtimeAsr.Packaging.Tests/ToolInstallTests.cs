using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RealtimeAsr.Packaging.Tests.Support;
using RealtimeAsr.WhisperTestModel;

namespace RealtimeAsr.Packaging.Tests;

/// <summary>
/// <c>dotnet tool install</c> of the client tool from the local feed (issue 13, item 5), then the installed command:
/// help, and <c>serve</c> with and without the server tool on the PATH; and the server tool, installed and serving.
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

    [Fact]
    public async Task The_server_tool_installs_on_linux_x64_and_serves_with_its_pocketsphinx_and_whisper_natives()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return;
        }

        var toolPath = Path.Combine(packages.Root, "server-tool");
        (await DotNet.RunAsync(packages.Root, TimeSpan.FromMinutes(5), "tool", "install", "RealtimeAsr.Server",
            "--version", packages.Version, "--tool-path", toolPath, "--configfile", packages.NuGetConfig))
            .EnsureSuccess("dotnet tool install RealtimeAsr.Server");

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(Path.Combine(toolPath, "realtime-asr-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        // A Whisper engine too (a generated tiny model), so start-up loads whisper.cpp from the package as well.
        var whisperModel = Path.Combine(packages.Root, "ggml-test-tiny.bin");
        using (var file = File.Create(whisperModel))
        {
            GgmlWhisperWriter.Write(file, WhisperShape.Tiny);
        }

        start.ArgumentList.Add("--RealtimeAsr:Engines:whisper:Type=whisper");
        start.ArgumentList.Add($"--RealtimeAsr:Engines:whisper:ModelPath={whisperModel}");
        start.ArgumentList.Add("--RealtimeAsr:Models:whisper=whisper");
        using var server = Process.Start(start)!;
        // Its log is read (and dropped) so a full pipe never blocks it.
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            // The VAD model and the natives come from the package: the server loads both engines before it answers.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            string? health = null;
            while (health is null && DateTime.UtcNow < deadline && !server.HasExited)
            {
                try
                {
                    health = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500);
                }
                catch (TaskCanceledException)
                {
                    await Task.Delay(500);
                }
            }

            Assert.Equal("ok", health);
            // The browser page travels inside the server assembly, and lists the engines that started.
            var page = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
            Assert.Contains("<title>RealtimeAsr", page, StringComparison.Ordinal);
            var config = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/page/config"));
            Assert.Contains("\"id\":\"whisper\"", config, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync();
        }
    }
}
