using System.Net;
using System.Net.Sockets;
using RealtimeAsr.Cli.Tests.Support;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary><c>eval</c> without a server: bad input exits 2 naming the file and line; an endpoint that is not there exits 1.</summary>
public sealed class EvalArgumentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public EvalArgumentTests()
    {
        _folder.Write("a.wav", TestWav.Pcm16(new short[1600], 16000, 1));
    }

    [Fact]
    public async Task A_malformed_manifest_line_exits_2_naming_file_and_line()
    {
        var manifest = _folder.Write("eval.tsv", "# audio<TAB>reference\na.wav\tsilence\n\na.wav silence without a tab\n");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", "ws://127.0.0.1:1");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"realtime-asr: {manifest}:4: expected 'audio<TAB>reference[<TAB>language]'", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Bad_json_on_a_jsonl_line_exits_2_naming_the_line()
    {
        var manifest = _folder.Write("eval.jsonl", "{\"audio\": \"a.wav\", \"reference\": \"\"}\n{\"audio\": \"a.wav\",\n");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", "ws://127.0.0.1:1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"realtime-asr: {manifest}:2: invalid JSON: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_audio_file_exits_2_naming_the_line()
    {
        var manifest = _folder.Write("eval.tsv", "a.wav\tone\nb.wav\ttwo\n");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", "ws://127.0.0.1:1");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"realtime-asr: {manifest}:2: no such audio file: {_folder.File("b.wav")}", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_compare_file_that_is_not_a_report_exits_2()
    {
        var manifest = _folder.Write("eval.tsv", "a.wav\t\n");
        var notReport = _folder.Write("other.json", "{\"files\": 3}");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", "ws://127.0.0.1:1", "--compare", notReport);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"realtime-asr: {notReport}: not a report of realtime-asr eval", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_file_in_a_missing_folder_exits_2_before_connecting()
    {
        var manifest = _folder.Write("eval.tsv", "a.wav\t\n");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", "ws://127.0.0.1:1", "--output", _folder.File("no/such/folder") + "/r.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such folder", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--parallel", "0" }, "--parallel must be between 1 and 64")]
    [InlineData(new[] { "--no-normalize", "--normalize-numbers" }, "--no-normalize scores the text as written")]
    [InlineData(new[] { "--manual", "--silence-ms", "500" }, "--manual turns server VAD off")]
    [InlineData(new[] { "--url", "ftp://example.com" }, "--url must be a ws:// or wss:// URL")]
    public async Task Bad_options_exit_2_with_one_line(string[] options, string expected)
    {
        var manifest = _folder.Write("eval.tsv", "a.wav\t\n");

        var run = await CliRun.PipedAsync(["eval", manifest, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_exits_1_with_one_line_and_no_report()
    {
        var manifest = _folder.Write("eval.tsv", "a.wav\tone\nb.wav\ttwo\n");
        _folder.Write("b.wav", TestWav.Pcm16(new short[1600], 16000, 1));
        var port = ClosedPort();

        var run = await CliRun.PipedAsync("eval", manifest, "--url", $"ws://127.0.0.1:{port}", "--parallel", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("realtime-asr: ", line, StringComparison.Ordinal);
        Assert.Contains($"Could not connect to ws://127.0.0.1:{port}/api-ws/v1/realtime", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_help_documents_the_options()
    {
        var run = await CliRun.PipedAsync("eval", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--url", "--model", "--api-key", "--workspace", "--language", "--manual", "--vad-preset", "--vad-threshold",
            "--silence-ms", "--realtime", "--parallel", "--normalize-numbers", "--no-normalize", "--json", "--output", "--compare" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A loopback port nothing listens on: one the system just handed out and that was closed again.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
