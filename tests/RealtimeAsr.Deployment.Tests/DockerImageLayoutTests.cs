using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using RealtimeAsr.Deployment.Tests.Support;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Deployment.Tests;

/// <summary>
/// The Dockerfile's steps where no container engine exists. The test reads the Dockerfile, runs the scripts its build
/// stages RUN into a temporary root (one folder per stage), carries out its COPY instructions between those folders,
/// starts the image's ENTRYPOINT from the result with the image's ENV and WORKDIR, and runs the HEALTHCHECK command
/// against it. Because the steps come from the Dockerfile itself, the two cannot drift apart.
/// What this cannot check: the base images (the SDK, node and ASP.NET images are not pulled; the machine's own .NET
/// runtime and node stand in for them), the runtime stage's apt step inside debian:bookworm-slim (its package list is
/// checked against this Debian 12 machine instead), the non-root user (the test runs as whoever runs it), and the
/// container's signal handling (SIGTERM is sent to the process directly, as `docker stop` would to PID 1).
/// </summary>
public sealed class DockerImageLayoutTests(ITestOutputHelper output)
{
    /// <summary>The gauge of live sessions the autoscaler uses (the chart's autoscaling.activeSessions.metricName).</summary>
    public const string ActiveSessionsMetric = "realtimeasr_sessions_active";

    private const string ApiKey = "image-test-key";

    private static readonly Dockerfile s_dockerfile = Dockerfile.Load();

    [Fact]
    public void The_stages_run_project_scripts_and_the_image_is_debian_12_non_root_with_a_health_check()
    {
        var scripts = s_dockerfile.Stages.SelectMany(s => s.All("RUN")).ToList();
        Assert.Contains("./scripts/docker/publish-server.sh /app", scripts);
        Assert.Contains("fetch-vad-model.sh /out/silero_vad_v6.onnx", scripts);
        Assert.Contains(scripts, s => s.StartsWith("/usr/local/lib/realtime-asr/install-runtime-packages.sh", StringComparison.Ordinal));

        var image = s_dockerfile.Image;
        Assert.Equal("debian:bookworm-slim", image.From);
        var user = image.Last("USER").Split(':')[0];
        Assert.True(int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0, $"USER must be a numeric non-root id (Kubernetes' runAsNonRoot checks it), not '{user}'");
        Assert.Equal(["/usr/local/bin/realtime-asr-healthcheck", "/readyz"], DockerStage.ExecForm(image.Last("HEALTHCHECK")));
        Assert.Contains("scripts/docker/healthcheck.sh /usr/local/bin/realtime-asr-healthcheck", image.All("COPY"));
        Assert.Equal(["dotnet", "/app/RealtimeAsr.Server.dll"], DockerStage.ExecForm(image.Last("ENTRYPOINT")));
        Assert.Equal(new Uri(image.Environment()["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port.ToString(CultureInfo.InvariantCulture),
            image.Last("EXPOSE"));

        // The build context has no models/: the image gets its VAD model from the checksummed fetch, never a local copy.
        Assert.Contains("/models/", File.ReadAllLines(Repository.PathOf(".dockerignore")));
    }

    [Fact]
    public async Task The_runtime_packages_are_debian_12_packages_installed_on_this_machine()
    {
        // The image's base is Debian 12; so is this machine, where the server is tested with the same packages.
        Assert.Contains("VERSION_ID=\"12\"", File.ReadAllLines("/etc/os-release"));
        var packages = (await ChildProcess.RunScriptAsync("scripts/docker/install-runtime-packages.sh", ["--print"], TimeSpan.FromSeconds(30)))
            .EnsureSuccess("install-runtime-packages.sh --print").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("libpocketsphinx3", packages);
        Assert.Contains("pocketsphinx-en-us", packages);
        foreach (var package in packages)
        {
            var status = await ChildProcess.RunAsync("dpkg-query", "/", ["-W", "-f=${Status}", package], TimeSpan.FromSeconds(30));
            Assert.True(status.Output.Trim() == "install ok installed", $"{package}: {status.All} (run scripts/setup.sh)");
        }
    }

    [Fact]
    public async Task The_image_layout_starts_as_its_entrypoint_passes_its_health_check_serves_a_session_and_drains_on_sigterm()
    {
        using var root = new TempRoot();
        await BuildLayoutAsync(root);

        var image = root.Stage(s_dockerfile.Image);
        Assert.True(File.Exists(Path.Combine(image, "app", "models", "silero_vad_v6.onnx")), "the VAD model is not where the server looks for it");
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var healthcheck = DockerStage.ExecForm(s_dockerfile.Image.Last("HEALTHCHECK"));
        var healthEnvironment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = url };

        using var server = StartEntrypoint(image, url);
        try
        {
            // The HEALTHCHECK command, as Docker runs it, until the server is ready (engines and VAD loaded).
            var deadline = Stopwatch.StartNew();
            ProcessResult health;
            do
            {
                Assert.False(server.Process.HasExited, $"the server exited with {(server.Process.HasExited ? server.Process.ExitCode : 0)}:\n{server.Output}");
                await Task.Delay(250);
                health = await ChildProcess.RunAsync("bash", image, [image + healthcheck[0], .. healthcheck.Skip(1)], TimeSpan.FromSeconds(30), healthEnvironment);
            }
            while (health.ExitCode != 0 && deadline.Elapsed < TimeSpan.FromMinutes(2));
            health.EnsureSuccess("the HEALTHCHECK command");

            // A real session: a LibriVox clip, Manual mode, through the image's PocketSphinx and VAD model.
            var clip = TestAudio.LibriVoxClips()[0];
            await using var client = await RawRealtimeClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/api-ws/v1/realtime?model=qwen3-asr-flash-realtime"), ApiKey);
            await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""");
            await client.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
            await client.CommitAsync();
            var events = await client.ReceiveUntilAsync(EventTypes.TranscriptionCompleted, TimeSpan.FromSeconds(60));
            var transcript = events[^1].Root.GetProperty("transcript").GetString() ?? "";
            var wer = WordErrorRate.Compute(clip.Transcript, transcript);
            output.WriteLine($"reference: {clip.Transcript}\nimage:     {transcript} (WER {wer:P1})");
            Assert.True(wer < 0.6, $"WER {wer:P1}: '{transcript}'");

            // The autoscaler's metric, as the server exports it, counts the open session.
            using var http = new HttpClient();
            var metrics = await http.GetStringAsync(new Uri($"{url}/metrics"));
            var sessions = metrics.Split('\n').Where(l => l.StartsWith(ActiveSessionsMetric + "{", StringComparison.Ordinal)).ToList();
            Assert.True(sessions.Count > 0, $"no {ActiveSessionsMetric} in /metrics:\n{metrics}");
            Assert.Contains(sessions, l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) >= 1);

            // docker stop: SIGTERM; the open session is finished and closed with 1001, and the process exits with 0.
            (await ChildProcess.RunAsync("bash", "/", ["-c", $"kill -TERM {server.Process.Id}"], TimeSpan.FromSeconds(10))).EnsureSuccess("kill -TERM");
            var drained = await client.ReceiveUntilCloseAsync(TimeSpan.FromSeconds(60));
            Assert.Contains(drained, e => e.Type == EventTypes.SessionFinished);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await server.Process.WaitForExitAsync(exit.Token);
            }

            Assert.True(server.Process.ExitCode == 0, $"exit code {server.Process.ExitCode}:\n{server.Output}");

            // And the health check reports a server that is gone.
            health = await ChildProcess.RunAsync("bash", image, [image + healthcheck[0], .. healthcheck.Skip(1)], TimeSpan.FromSeconds(30), healthEnvironment);
            Assert.NotEqual(0, health.ExitCode);
        }
        finally
        {
            output.WriteLine(server.Output.ToString());
        }
    }

    // Runs the build stages' scripts and carries out the image stage's COPY instructions, one folder per stage.
    private async Task BuildLayoutAsync(TempRoot root)
    {
        foreach (var stage in s_dockerfile.Stages.Take(s_dockerfile.Stages.Count - 1))
        {
            foreach (var run in stage.All("RUN"))
            {
                var words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var script = ScriptOf(stage, words[0]);
                var arguments = words.Skip(1).Select(w => w.StartsWith('/') ? root.Stage(stage) + w : w).ToList();
                if (script == "scripts/docker/publish-server.sh")
                {
                    arguments.Add("--no-build"); // the solution's Release build is already there
                }

                output.WriteLine($"[{stage.Name}] {script} {string.Join(' ', arguments)}");
                (await ChildProcess.RunScriptAsync(script, arguments, TimeSpan.FromMinutes(5))).EnsureSuccess(script);
                if (script == "scripts/docker/publish-server.sh")
                {
                    // The build copies models/ from the checkout when it exists; the image's build context has no models/
                    // (.dockerignore), so the model a published image holds is the one the `vad` stage fetched.
                    File.Delete(Path.Combine(root.Stage(stage), "app", "models", "silero_vad_v6.onnx"));
                }
            }
        }

        foreach (var copy in s_dockerfile.Image.All("COPY"))
        {
            var words = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var from = words[0].StartsWith("--from=", StringComparison.Ordinal) ? words[0]["--from=".Length..] : null;
            var (source, destination) = from is null ? (Repository.PathOf(words[0]), words[1]) : (words[1], words[2]);
            if (from is not null)
            {
                var stage = s_dockerfile.Stages.SingleOrDefault(s => s.Name == from);
                if (stage is null || !stage.All("RUN").Any())
                {
                    output.WriteLine($"skipped: COPY {copy} (a base image's files: this machine's own stand in)");
                    continue;
                }

                source = root.Stage(stage) + source;
            }

            var target = root.Stage(s_dockerfile.Image) + destination;
            if (destination.EndsWith('/'))
            {
                target = Path.Combine(target, Path.GetFileName(source));
            }

            Copy(source, target);
        }
    }

    // A RUN's first word: a script of the checkout (WORKDIR /src holds `COPY . .`), or one a COPY put on the PATH.
    private static string ScriptOf(DockerStage stage, string command)
    {
        if (command.StartsWith("./", StringComparison.Ordinal))
        {
            return command[2..];
        }

        var copy = stage.All("COPY").Select(c => c.Split(' ')).Single(c => c[1].EndsWith('/') && Path.GetFileName(c[0]) == command);
        return copy[0];
    }

    private static void Copy(string source, string target)
    {
        if (Directory.Exists(source))
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
            }

            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }

    // ENTRYPOINT ["dotnet", "/app/…"] with the image's ENV and WORKDIR; only the port and the client key are the test's.
    private static RunningServer StartEntrypoint(string image, string url)
    {
        var stage = s_dockerfile.Image;
        var entrypoint = DockerStage.ExecForm(stage.Last("ENTRYPOINT"));
        var environment = stage.Environment().ToDictionary(kv => kv.Key, kv => (string?)(kv.Value.StartsWith('/') ? image + kv.Value : kv.Value));
        environment["ASPNETCORE_URLS"] = url;
        environment["REALTIMEASR_API_KEYS"] = ApiKey;
        foreach (var path in environment.Values.Where(v => v is not null && v.StartsWith(image, StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(path!);
        }

        var program = entrypoint[0] == "dotnet" ? ChildProcess.DotNetHost : image + entrypoint[0];
        var arguments = entrypoint.Skip(1).Select(a => a.StartsWith('/') ? image + a : a);
        var process = new Process { StartInfo = ChildProcess.StartInfo(program, image + stage.Last("WORKDIR"), arguments, environment) };
        var server = new RunningServer(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server process and what it printed.</summary>
    private sealed class RunningServer(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public StringBuilder Output { get; } = new();

        public void Append(string? line)
        {
            if (line is not null)
            {
                lock (Output)
                {
                    Output.AppendLine(line);
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }

    /// <summary>A temporary root with one folder per Dockerfile stage.</summary>
    private sealed class TempRoot : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("image-layout-").FullName;

        public string Stage(DockerStage stage) => Path.Combine(_path, stage.Name ?? "image");

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
