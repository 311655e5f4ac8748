using System.Text.Json.Nodes;
using RealtimeAsr.Deployment.Tests.Support;

namespace RealtimeAsr.Deployment.Tests;

/// <summary>
/// The Helm chart, rendered by tools/helm-render and validated against the Kubernetes schemas by tools/k8s-validate.
/// What this cannot check without Helm and a cluster: Helm's own chart loading (`helm lint`), install order and hooks
/// (the chart has none), the API server's admission (quotas, policies), that prometheus-adapter serves the sessions
/// metric, and the pods' behaviour under a real kubelet. docs/DEPLOYMENT.md says to run `helm lint` and `helm template`
/// where Helm exists.
/// </summary>
public sealed class HelmChartTests(Chart chart) : IClassFixture<Chart>
{
    [Fact]
    public async Task Default_values_render_the_front_server_objects_and_they_validate()
    {
        var manifests = await chart.RenderValidAsync(Chart.Keys);

        Assert.Equal(["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Secret", "Service"], manifests.Kinds);
        Assert.All(manifests.All, m => Assert.Equal("asr-realtime-asr", (string?)m["metadata"]!["name"]));
    }

    [Theory]
    [InlineData("autoscaling.cpu.enabled=true")]
    [InlineData("autoscaling.activeSessions.enabled=false", "autoscaling.cpu.enabled=true")]
    [InlineData("autoscaling.enabled=false")]
    [InlineData("podDisruptionBudget.enabled=false")]
    [InlineData("secrets.existingSecret=asr-keys")]
    [InlineData("secrets.clientSecretSigningKey=c2lnbmluZy1rZXktb2YtMzItYnl0ZXMtb3ItbW9yZS4uLg==", "metrics.podAnnotations=false")]
    public async Task Every_option_renders_valid_manifests(params string[] sets)
    {
        var manifests = await chart.RenderValidAsync([.. Chart.Keys, .. sets.SelectMany(s => new[] { "--set", s })]);

        var deployment = manifests.Of("Deployment");
        Assert.Equal(!sets.Contains("autoscaling.enabled=false"), manifests.Has("HorizontalPodAutoscaler"));
        Assert.Equal(sets.Contains("autoscaling.enabled=false"), deployment["spec"]!["replicas"] is not null);
        Assert.Equal(!sets.Contains("podDisruptionBudget.enabled=false"), manifests.Has("PodDisruptionBudget"));
        var existing = sets.Contains("secrets.existingSecret=asr-keys");
        Assert.Equal(!existing, manifests.Has("Secret"));
        Assert.Equal(existing ? "asr-keys" : "asr-realtime-asr", (string?)Container(manifests)["envFrom"]![0]!["secretRef"]!["name"]);
    }

    [Fact]
    public async Task The_gateway_example_renders_valid_manifests_with_the_cloud_key_only_in_the_secret()
    {
        var manifests = await chart.RenderValidAsync("-f", Repository.PathOf("deploy/helm/examples/gateway.yaml"),
            "--set", "secrets.apiKeys={client-key}", "--set", "secrets.engineApiKeys.cloud=dashscope-key");

        var settings = ConfigMapSettings(manifests);
        Assert.Equal("qwen-realtime", settings["RealtimeAsr:Engines:cloud:Type"]);
        Assert.Equal("cloud", settings["RealtimeAsr:DefaultEngine"]);
        // A null in a values file removes the chart's default engine, as Helm merges values.
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("RealtimeAsr:Engines:vllm", StringComparison.Ordinal));
        Assert.DoesNotContain(settings.Values, v => v == "dashscope-key");
        Assert.Equal("dashscope-key", SecretValue(manifests, "RealtimeAsr__Engines__cloud__ApiKey"));
        Assert.Empty(ServerSettings.UnknownKeys(WithSecretKeys(settings, manifests)));
    }

    [Fact]
    public async Task Probes_drain_and_security_match_the_server_and_the_image()
    {
        var manifests = await chart.RenderValidAsync(Chart.Keys);
        var pod = manifests.Of("Deployment")["spec"]!["template"]!["spec"]!;
        var container = Container(manifests);
        var image = Dockerfile.Load().Image;

        // The port: the image's EXPOSE, named "http", which every probe uses.
        Assert.Equal(image.Last("EXPOSE"), container["ports"]![0]!["containerPort"]!.ToString());
        Assert.Equal("http", (string?)container["ports"]![0]!["name"]);
        Assert.Equal("http://+:8765", Env(container, "ASPNETCORE_URLS"));
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/healthz", (string?)container["startupProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.All(new[] { "livenessProbe", "startupProbe", "readinessProbe" }, p => Assert.Equal("http", (string?)container[p]!["httpGet"]!["port"]));

        // The drain: preStop sleep, then SIGTERM and the host's shutdown timeout, all inside the grace period.
        var preStop = container["lifecycle"]!["preStop"]!["exec"]!["command"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Equal("sleep", preStop[0]);
        var preStopSeconds = int.Parse(preStop[1], System.Globalization.CultureInfo.InvariantCulture);
        var shutdownTimeout = int.Parse(Env(container, "shutdownTimeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var grace = int.Parse(pod["terminationGracePeriodSeconds"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace > preStopSeconds + shutdownTimeout, $"grace {grace} s must exceed preStop {preStopSeconds} s + shutdown timeout {shutdownTimeout} s");
        Assert.Equal(TimeSpan.Zero, TimeSpan.Parse(Env(container, "RealtimeAsr__ShutdownDelay")!, System.Globalization.CultureInfo.InvariantCulture));

        // Non-root as the image's USER, read-only root with a writable /tmp.
        var user = image.Last("USER").Split(':')[0];
        Assert.True((bool)pod["securityContext"]!["runAsNonRoot"]!);
        Assert.Equal(user, pod["securityContext"]!["runAsUser"]!.ToString());
        Assert.NotEqual("0", user);
        Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
        Assert.False((bool)container["securityContext"]!["allowPrivilegeEscalation"]!);
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/tmp");

        // The configuration file lands where ASP.NET Core reads it for the image's environment.
        Assert.Equal("Production", image.Environment()["ASPNETCORE_ENVIRONMENT"]);
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/app/appsettings.Production.json");
    }

    [Fact]
    public async Task The_autoscaler_targets_active_sessions_below_what_a_pod_admits()
    {
        var manifests = await chart.RenderValidAsync([.. Chart.Keys, "--set", "autoscaling.cpu.enabled=true"]);
        var hpa = manifests.Of("HorizontalPodAutoscaler")["spec"]!;

        Assert.Equal("Deployment", (string?)hpa["scaleTargetRef"]!["kind"]);
        Assert.Equal((string?)manifests.Of("Deployment")["metadata"]!["name"], (string?)hpa["scaleTargetRef"]!["name"]);
        var sessions = hpa["metrics"]!.AsArray().Single(m => (string?)m!["type"] == "Pods")!["pods"]!;
        // The gauge the server exports (DockerImageLayoutTests scrapes it from the running server under this name).
        Assert.Equal(DockerImageLayoutTests.ActiveSessionsMetric, (string?)sessions["metric"]!["name"]);
        Assert.Equal("AverageValue", (string?)sessions["target"]!["type"]);
        var target = int.Parse((string)sessions["target"]!["averageValue"]!, System.Globalization.CultureInfo.InvariantCulture);
        var admitted = int.Parse(ConfigMapSettings(manifests)["RealtimeAsr:Limits:MaxSessions"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(target, 1, admitted - 1);
        Assert.Contains(hpa["metrics"]!.AsArray(), m => (string?)m!["type"] == "Resource" && (string?)m["resource"]!["name"] == "cpu");
    }

    [Fact]
    public async Task Configuration_and_secret_keys_name_real_server_settings()
    {
        var manifests = await chart.RenderValidAsync(Chart.Keys);
        var settings = ConfigMapSettings(manifests);

        Assert.Equal("openai", settings["RealtimeAsr:Engines:vllm:Type"]);
        Assert.Equal("vllm", settings["RealtimeAsr:DefaultEngine"]);
        Assert.Empty(ServerSettings.UnknownKeys(WithSecretKeys(settings, manifests)));
        Assert.Equal("client-key", SecretValue(manifests, "REALTIMEASR_API_KEYS"));
        Assert.Equal("vllm-key", SecretValue(manifests, "RealtimeAsr__Engines__vllm__ApiKey"));

        // The checker is not vacuous: a misspelt setting is reported.
        Assert.Equal(["RealtimeAsr:Limits:MaxSesions"], ServerSettings.UnknownKeys(new Dictionary<string, string?> { ["RealtimeAsr:Limits:MaxSesions"] = "1" }));
    }

    [Fact]
    public async Task A_release_without_client_keys_or_with_an_unusable_engine_name_is_refused_with_the_reason()
    {
        var noKeys = await chart.RenderAsync();
        Assert.NotEqual(0, noKeys.ExitCode);
        Assert.Contains("secrets.apiKeys", noKeys.Error, StringComparison.Ordinal);

        var badName = await chart.RenderAsync("--set", "secrets.apiKeys={k}", "--set", "secrets.engineApiKeys.my-engine=x");
        Assert.NotEqual(0, badName.ExitCode);
        Assert.Contains("my-engine", badName.Error, StringComparison.Ordinal);

        var noSignal = await chart.RenderAsync([.. Chart.Keys, "--set", "autoscaling.activeSessions.enabled=false"]);
        Assert.NotEqual(0, noSignal.ExitCode);
        Assert.Contains("autoscaling", noSignal.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_rejects_unknown_fields_and_wrong_types()
    {
        var rendered = (await chart.RenderAsync(Chart.Keys)).EnsureSuccess("helm-render");
        var broken = rendered.Output
            .Replace("terminationGracePeriodSeconds:", "terminationGracePeriodSecond:", StringComparison.Ordinal)
            .Replace("maxUnavailable: 1", "maxUnavailable: [1]", StringComparison.Ordinal);

        var result = await Chart.ValidateAsync(broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Deployment/asr-realtime-asr: /spec/template/spec/terminationGracePeriodSecond: unknown field", result.Output, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudget/asr-realtime-asr: /spec/maxUnavailable", result.Output, StringComparison.Ordinal);
    }

    private static JsonNode Container(Manifests manifests) =>
        manifests.Of("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;

    private static string? Env(JsonNode container, string name) =>
        (string?)container["env"]!.AsArray().Single(e => (string?)e!["name"] == name)!["value"];

    private static Dictionary<string, string?> ConfigMapSettings(Manifests manifests) =>
        ServerSettings.Flatten(JsonNode.Parse((string)manifests.Of("ConfigMap")["data"]!["appsettings.Production.json"]!));

    private static string SecretValue(Manifests manifests, string key) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)manifests.Of("Secret")["data"]![key]!));

    // The Secret's keys are environment variables: RealtimeAsr__A__B is the setting RealtimeAsr:A:B.
    private static Dictionary<string, string?> WithSecretKeys(Dictionary<string, string?> settings, Manifests manifests)
    {
        var all = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _) in manifests.Of("Secret")["data"]!.AsObject())
        {
            all[key.Replace("__", ":", StringComparison.Ordinal)] = "(secret)";
        }

        return all;
    }
}
