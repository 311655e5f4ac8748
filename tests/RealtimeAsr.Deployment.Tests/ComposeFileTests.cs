using System.Text.Json.Nodes;
using RealtimeAsr.Deployment.Tests.Support;

namespace RealtimeAsr.Deployment.Tests;

/// <summary>
/// deploy/compose/compose.yaml as docker-compose resolves it (Debian's docker-compose 1.29: `config` validates the file
/// against the Compose schema and interpolates example.env without a container engine). What this cannot check: that
/// the images pull and start, that the GPU is granted (the NVIDIA container toolkit), that vLLM serves Qwen3-ASR.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string s_folder = Repository.PathOf("deploy/compose");

    [Fact]
    public async Task Docker_compose_accepts_the_file_and_refuses_it_without_keys()
    {
        var resolved = await ConfigAsync("example.env");
        Assert.Equal(["front", "prometheus", "vllm"], resolved["services"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));

        // No keys (an empty env file): refused, naming the missing key.
        var empty = Path.GetTempFileName();
        try
        {
            var refused = await RunComposeAsync(["--env-file", empty, "-f", "compose.yaml", "config", "-q"]);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("REALTIMEASR_API_KEYS", refused.All, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task The_front_runs_the_openai_engine_against_the_vllm_service_on_a_gpu()
    {
        var services = (await ConfigAsync("example.env"))["services"]!;
        var front = services["front"]!;
        var vllm = services["vllm"]!;
        var environment = front["environment"]!;

        // The front's engine "vllm" is of type openai, at the vllm service's port, asking for the model vLLM serves,
        // with the key vLLM checks.
        Assert.Equal("openai", (string?)environment["RealtimeAsr__Engines__vllm__Type"]);
        Assert.Equal("vllm", (string?)environment["RealtimeAsr__DefaultEngine"]);
        var command = vllm["command"]!.AsArray().Select(c => (string)c!).ToArray();
        var port = command.Single(c => c.StartsWith("--port=", StringComparison.Ordinal))["--port=".Length..];
        Assert.Equal(new Uri($"http://vllm:{port}/v1"), new Uri((string)environment["RealtimeAsr__Engines__vllm__BaseUrl"]!));
        Assert.Equal(["vllm", "serve"], vllm["entrypoint"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("Qwen/Qwen3-ASR-1.7B", command[0]);
        Assert.Equal(command[0], (string?)environment["RealtimeAsr__Engines__vllm__Model"]);
        Assert.Equal((string?)vllm["environment"]!["VLLM_API_KEY"], (string?)environment["RealtimeAsr__Engines__vllm__ApiKey"]);
        Assert.False(string.IsNullOrEmpty((string?)environment["REALTIMEASR_API_KEYS"]));

        // One NVIDIA GPU reserved for vLLM; vLLM's port is not published (its key guards /v1 only).
        var device = Assert.Single(vllm["deploy"]!["resources"]!["reservations"]!["devices"]!.AsArray())!;
        Assert.Equal("nvidia", (string?)device["driver"]);
        Assert.Contains("gpu", device["capabilities"]!.AsArray().Select(c => (string?)c));
        Assert.Null(vllm["ports"]);
        Assert.NotNull(vllm["healthcheck"]);
        Assert.Equal("service_healthy", (string?)front["depends_on"]!["vllm"]!["condition"]);
    }

    [Fact]
    public async Task The_front_uses_the_image_health_check_port_and_drain_time()
    {
        var front = (await ConfigAsync("example.env"))["services"]!["front"]!;
        var image = Dockerfile.Load().Image;

        // The health check is the image's HEALTHCHECK command, which DockerImageLayoutTests runs against the server.
        var healthcheck = DockerStage.ExecForm(image.Last("HEALTHCHECK"));
        Assert.Equal(["CMD", .. healthcheck], front["healthcheck"]!["test"]!.AsArray().Select(c => (string)c!));
        var published = Assert.Single(front["ports"]!.AsArray())!;
        Assert.Equal(image.Last("EXPOSE"), published["target"]!.ToString());
        Assert.Equal("../..", Path.GetRelativePath(s_folder, (string)front["build"]!["context"]!).Replace('\\', '/'));

        // docker stop waits longer than the server's drain: its ShutdownDelay plus the host's 30 s shutdown timeout.
        var grace = ParseDuration((string)front["stop_grace_period"]!);
        var delay = TimeSpan.Parse((string)front["environment"]!["RealtimeAsr__ShutdownDelay"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace > delay + TimeSpan.FromSeconds(30), $"stop_grace_period {grace} must exceed {delay} + 30 s");
    }

    [Fact]
    public async Task The_front_environment_names_real_server_settings()
    {
        var environment = (await ConfigAsync("example.env"))["services"]!["front"]!["environment"]!.AsObject();

        // Environment variables RealtimeAsr__A__B are the settings RealtimeAsr:A:B.
        var settings = environment.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => kv.Value?.ToString(),
            StringComparer.OrdinalIgnoreCase);
        Assert.Contains("RealtimeAsr:Engines:vllm:BaseUrl", settings.Keys);
        Assert.Empty(ServerSettings.UnknownKeys(settings));
    }

    [Fact]
    public void Prometheus_scrapes_the_front_and_vllm_where_they_listen()
    {
        var prometheus = Yaml.Parse(File.ReadAllText(Path.Combine(s_folder, "prometheus.yml")));
        var jobs = prometheus["scrape_configs"]!.AsArray().ToDictionary(j => (string)j!["job_name"]!, j => j!);

        var front = jobs["realtime-asr"];
        Assert.Equal("/metrics", (string?)front["metrics_path"]);
        Assert.Equal($"front:{Dockerfile.Load().Image.Last("EXPOSE")}", (string?)front["static_configs"]![0]!["targets"]![0]);
        Assert.Equal("vllm:8000", (string?)jobs["vllm"]["static_configs"]![0]!["targets"]![0]);
    }

    private static async Task<JsonNode> ConfigAsync(string envFile)
    {
        var result = (await RunComposeAsync(["--env-file", envFile, "-f", "compose.yaml", "config"])).EnsureSuccess("docker-compose config");
        return Yaml.Parse(result.Output);
    }

    private static Task<ProcessResult> RunComposeAsync(string[] arguments)
    {
        ChildProcess.RequireTool("docker-compose");
        // docker-compose prefers the shell's variables to the env file's: the keys come from the env file only.
        var unset = new Dictionary<string, string?> { ["REALTIMEASR_API_KEYS"] = null, ["VLLM_API_KEY"] = null, ["ASR_MODEL"] = null };
        return ChildProcess.RunAsync("docker-compose", s_folder, arguments, TimeSpan.FromMinutes(1), unset);
    }

    private static TimeSpan ParseDuration(string compose) => compose switch
    {
        _ when compose.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(compose[..^2], System.Globalization.CultureInfo.InvariantCulture)),
        _ when compose.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(compose[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ when compose.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(compose[..^1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"Unexpected duration '{compose}'."),
    };
}
