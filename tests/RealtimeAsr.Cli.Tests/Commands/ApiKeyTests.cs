using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Client;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary>
/// Where the key comes from and where it may go: a file or standard input instead of the command line, the CLI's own
/// environment variable for any endpoint, <c>DASHSCOPE_API_KEY</c> only for Alibaba Cloud, never unencrypted off this machine.
/// </summary>
public sealed class ApiKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_key_file_content_is_what_the_endpoint_receives()
    {
        await using var capture = new KeyCaptureServer();
        var keyFile = _folder.Write("key.txt", "sk-from-file\n");

        var run = await CliRun.PipedAsync("transcribe", Wav(), "--url", capture.Url, "--api-key-file", keyFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("401", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("Bearer sk-from-file", capture.Authorization);
    }

    [Fact]
    public async Task The_key_file_can_be_standard_input()
    {
        await using var capture = new KeyCaptureServer();

        var run = await CliRun.RunAsync(["transcribe", Wav(), "--url", capture.Url, "--api-key-file", "-"], "sk-from-stdin\r\n"u8.ToArray(), terminal: false);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Bearer sk-from-stdin", capture.Authorization);
    }

    [Fact]
    public async Task REALTIME_ASR_API_KEY_is_sent_to_any_endpoint_and_DASHSCOPE_API_KEY_is_not()
    {
        await using var capture = new KeyCaptureServer();

        var ours = await CliRun.RunAsync(["transcribe", Wav(), "--url", capture.Url], null, terminal: false,
            environment: name => name switch { "REALTIME_ASR_API_KEY" => "sk-ours", "DASHSCOPE_API_KEY" => "sk-alibaba", _ => null });
        var oursAuthorization = capture.Authorization;
        var alibabaOnly = await CliRun.RunAsync(["transcribe", Wav(), "--url", capture.Url], null, terminal: false,
            environment: name => name == "DASHSCOPE_API_KEY" ? "sk-alibaba" : null);

        Assert.Equal(1, ours.ExitCode);
        Assert.Equal("Bearer sk-ours", oursAuthorization);
        Assert.Equal(2, capture.Requests);
        Assert.Null(capture.Authorization);
        Assert.Equal(1, alibabaOnly.ExitCode);
    }

    [Fact]
    public async Task The_key_file_wins_over_the_environment()
    {
        await using var capture = new KeyCaptureServer();
        var keyFile = _folder.Write("key.txt", "sk-file");

        await CliRun.RunAsync(["transcribe", Wav(), "--url", capture.Url, "--api-key-file", keyFile], null, terminal: false,
            environment: name => name == "REALTIME_ASR_API_KEY" ? "sk-env" : null);

        Assert.Equal("Bearer sk-file", capture.Authorization);
    }

    [Theory]
    [InlineData("wss://dashscope.aliyuncs.com/api-ws/v1/realtime", true)]
    [InlineData("wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime", true)]
    [InlineData("wss://aliyuncs.com.example.com/api-ws/v1/realtime", false)]
    [InlineData("ws://127.0.0.1:8765/api-ws/v1/realtime", false)]
    public void DASHSCOPE_API_KEY_is_only_for_Alibaba_Cloud_hosts(string url, bool alibaba) =>
        Assert.Equal(alibaba, RealtimeAsrClientOptions.IsAlibabaCloudEndpoint(new Uri(url)));

    [Fact]
    public async Task A_key_over_ws_to_another_host_is_refused_before_connecting()
    {
        var run = await CliRun.RunAsync(["transcribe", Wav(), "--url", "ws://192.0.2.1:8765/api-ws/v1/realtime"], null, terminal: false,
            environment: name => name == "REALTIME_ASR_API_KEY" ? "sk" : null);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("refusing to send the API key unencrypted to 192.0.2.1", line, StringComparison.Ordinal);
        Assert.Contains("--allow-insecure-key", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--api-key", "k", "--api-key-file", "f", "use one")]
    [InlineData("--api-key-file", "/no/such/key", null, null, "--api-key-file: no such file: /no/such/key")]
    public async Task Key_option_mistakes_exit_2(string option1, string value1, string? option2, string? value2, string expected)
    {
        string[] args = ["transcribe", Wav(), "--url", "ws://127.0.0.1:1/api-ws/v1/realtime", option1, value1];
        if (option2 is not null)
        {
            args = [.. args, option2, value2!];
        }

        var run = await CliRun.PipedAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_warns_about_the_key_on_the_command_line()
    {
        var run = await CliRun.PipedAsync("transcribe", "--help");

        Assert.Contains("--api-key-file", run.Out, StringComparison.Ordinal);
        Assert.Contains("REALTIME_ASR_API_KEY", run.Out, StringComparison.Ordinal);
        Assert.Contains("'ps'", run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private string Wav() => _folder.Write("a.wav", TestWav.Pcm16(new short[1600], 16000, 1));
}
