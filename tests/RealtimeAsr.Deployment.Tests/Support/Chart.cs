using System.Text.Json.Nodes;

namespace RealtimeAsr.Deployment.Tests.Support;

/// <summary>
/// The Helm chart deploy/helm/realtime-asr, rendered by tools/helm-render (Helm's template engine: Go's text/template
/// with sprig, built here against Debian's packages, since Helm itself cannot be installed where the tests run) and
/// validated by tools/k8s-validate (the Kubernetes OpenAPI schemas of the npm package kubernetes-models, strict about
/// unknown fields). Both are installed by scripts/setup.sh --tests.
/// </summary>
public sealed class Chart : IAsyncLifetime, IDisposable
{
    /// <summary>The chart folder.</summary>
    public static string Folder { get; } = Repository.PathOf("deploy/helm/realtime-asr");

    private readonly string _buildFolder = Directory.CreateTempSubdirectory("helm-render-").FullName;

    private string Renderer => Path.Combine(_buildFolder, "helm-render");

    /// <summary>The arguments every test passes: the keys a release must be given.</summary>
    public static readonly string[] Keys = ["--set", "secrets.apiKeys={client-key}", "--set", "secrets.engineApiKeys.vllm=vllm-key"];

    /// <summary>Builds the renderer once for the test class (GOPATH mode against Debian's Go packages).</summary>
    public async Task InitializeAsync()
    {
        ChildProcess.RequireTool("go");
        var environment = new Dictionary<string, string?>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = "/usr/share/gocode",
            ["GOFLAGS"] = "",
            // Go's build cache, kept between runs (a second build takes a second); independent of HOME.
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "realtime-asr-go-build"),
        };
        (await ChildProcess.RunAsync("go", Repository.Root, ["build", "-o", Renderer, "./tools/helm-render"], TimeSpan.FromMinutes(5), environment))
            .EnsureSuccess("go build ./tools/helm-render");
    }

    /// <summary>Renders with <c>--strict</c> (a reference to a missing value fails) and the given arguments.</summary>
    public Task<ProcessResult> RenderAsync(params string[] arguments) =>
        ChildProcess.RunAsync(Renderer, Repository.Root, ["--strict", "--release", "asr", "--namespace", "speech", .. arguments, Folder],
            TimeSpan.FromMinutes(1));

    /// <summary>Renders, requires success and schema validity, and returns the manifests.</summary>
    public async Task<Manifests> RenderValidAsync(params string[] arguments)
    {
        var rendered = (await RenderAsync(arguments)).EnsureSuccess("helm-render " + string.Join(' ', arguments));
        (await ValidateAsync(rendered.Output)).EnsureSuccess("k8s-validate");
        return new Manifests(Yaml.ParseAll(rendered.Output));
    }

    /// <summary>Runs the schema validator over a YAML stream.</summary>
    public static Task<ProcessResult> ValidateAsync(string yaml)
    {
        ChildProcess.RequireTool("node");
        Assert.True(Directory.Exists(Repository.PathOf("tools/k8s-validate/node_modules/kubernetes-models")),
            "tools/k8s-validate is not installed: run scripts/setup.sh --tests.");
        return ChildProcess.RunAsync("node", Repository.PathOf("tools/k8s-validate"), ["validate.mjs", "-"], TimeSpan.FromMinutes(1), input: yaml);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_buildFolder, recursive: true);
}

/// <summary>Rendered manifests, looked up by kind.</summary>
public sealed class Manifests(IReadOnlyList<JsonNode> documents)
{
    /// <summary>Every document.</summary>
    public IReadOnlyList<JsonNode> All => documents;

    /// <summary>The kinds rendered, sorted.</summary>
    public IReadOnlyList<string> Kinds => [.. documents.Select(d => (string)d["kind"]!).Order(StringComparer.Ordinal)];

    /// <summary>The one manifest of <paramref name="kind"/>.</summary>
    public JsonNode Of(string kind) => documents.Single(d => (string?)d["kind"] == kind);

    /// <summary>Whether a manifest of <paramref name="kind"/> was rendered.</summary>
    public bool Has(string kind) => documents.Any(d => (string?)d["kind"] == kind);
}
