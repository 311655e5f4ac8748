using RealtimeAsr.Cli.Tests.Support;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary>Bad arguments and unreachable servers: a clear one-line message on stderr and a non-zero exit.</summary>
public sealed class ArgumentTests
{
    [Theory]
    [InlineData(new[] { "transcribe" }, "Required argument missing")]
    [InlineData(new[] { "transcribe", "a.wav", "--bogus" }, "--bogus")]
    [InlineData(new[] { "transcribe", "a.wav", "--url", "not a url" }, "--url must be a ws:// or wss:// URL")]
    [InlineData(new[] { "transcribe", "a.wav", "--url", "ftp://example.com" }, "--url must be a ws:// or wss:// URL")]
    [InlineData(new[] { "transcribe", "a.wav", "--vad-preset", "fast" }, "--vad-preset must be balanced or low-latency")]
    [InlineData(new[] { "transcribe", "a.wav", "--manual", "--vad-preset", "low-latency" }, "--manual turns server VAD off")]
    [InlineData(new[] { "transcribe", "a.wav", "--raw", "--sample-rate", "fast" }, "--sample-rate must be a whole number from 1000 to 384000, not 'fast'")]
    [InlineData(new[] { "transcrib", "a.wav" }, "transcrib")]
    public async Task Bad_arguments_exit_2_with_one_line_on_stderr(string[] args, string expected)
    {
        var run = await CliRun.PipedAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("realtime-asr: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_exits_1_with_the_cause()
    {
        var wav = TestWav.ToTempFile(TestWav.Pcm16(new short[1600], 16000, 1));
        try
        {
            var run = await CliRun.PipedAsync("transcribe", wav, "--url", "ws://127.0.0.1:1/api-ws/v1/realtime");

            Assert.Equal(1, run.ExitCode);
            Assert.Equal("", run.Out);
            var line = Assert.Single(run.ErrorLines);
            Assert.Contains("Could not connect to ws://127.0.0.1:1/api-ws/v1/realtime", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(wav);
        }
    }

    [Fact]
    public async Task A_missing_file_exits_1()
    {
        var run = await CliRun.PipedAsync("transcribe", "/no/such/file.wav", "--url", "ws://127.0.0.1:1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("realtime-asr: no such file: /no/such/file.wav", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_wav_in_a_compressed_encoding_exits_1_naming_it()
    {
        var wav = TestWav.Pcm16(new short[100], 16000, 1);
        wav[20] = 2; // ADPCM
        var path = TestWav.ToTempFile(wav);
        try
        {
            var run = await CliRun.PipedAsync("transcribe", path, "--url", "ws://127.0.0.1:1");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("unsupported WAV encoding", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var run = await CliRun.PipedAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("transcribe", run.Out, StringComparison.Ordinal);
        Assert.Contains("serve", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_prints_help_and_exits_0()
    {
        var run = await CliRun.PipedAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains("transcribe", run.Out, StringComparison.Ordinal);
        Assert.Contains("eval", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transcribe")]
    [InlineData("eval")]
    public async Task Vad_preset_help_names_each_value_once(string command)
    {
        var run = await CliRun.PipedAsync(command, "--help");

        var line = Assert.Single(run.OutLines, l => l.Contains("--vad-preset", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "balanced", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "low-latency"));
    }

    [Fact]
    public async Task Transcribe_help_documents_the_options()
    {
        var run = await CliRun.PipedAsync("transcribe", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--url", "--model", "--api-key", "--api-key-file", "--allow-insecure-key", "--language", "--manual", "--vad-preset", "--realtime", "--json", "--raw", "--finish-timeout" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }
}
