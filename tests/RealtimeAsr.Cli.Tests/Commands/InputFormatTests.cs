using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary>
/// Only WAV and Ogg Opus are recognised; headerless PCM needs --raw. Anything else is refused on one line, named when
/// recognisable, before connecting (the URL here has nothing listening: a connection attempt would say so instead).
/// </summary>
public sealed class InputFormatTests : IDisposable
{
    private const string Nowhere = "ws://127.0.0.1:1/api-ws/v1/realtime";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_flac_file_is_refused_naming_FLAC_and_how_to_convert_it()
    {
        var wav = _folder.Write("in.wav", TestWav.Pcm16(TestAudio.Speak("hello"), 16000, 1));
        var flac = _folder.File("in.flac");
        TestAudio.Run("sox", wav, flac);

        var run = await CliRun.PipedAsync("transcribe", flac, "--url", Nowhere);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"realtime-asr: {flac} is FLAC", line, StringComparison.Ordinal);
        Assert.Contains("ffmpeg -i", line, StringComparison.Ordinal);
        Assert.Contains("sox ", line, StringComparison.Ordinal);
        Assert.Contains("--raw", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", "text, not audio")]
    [InlineData("song.mp3", "MP3")]
    [InlineData("clip.m4a", "MP4/M4A")]
    [InlineData("blob.bin", "unrecognised format")]
    public async Task Other_inputs_are_refused_naming_what_they_are(string name, string expected)
    {
        byte[] content = name switch
        {
            "notes.txt" => "Meeting notes: transcribe the call from Tuesday.\nÜberall.\n"u8.ToArray(),
            "song.mp3" => [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0],
            "clip.m4a" => [0, 0, 0, 0x20, .. "ftypM4A "u8, 0, 0, 0, 0],
            _ => [0x00, 0xFF, 0x13, 0x80, 0x00, 0x01, 0xFE, 0xFF],
        };
        var path = _folder.Write(name, content);

        var run = await CliRun.PipedAsync("transcribe", path, "--url", Nowhere);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_says_the_input_is_empty()
    {
        var path = _folder.Write("empty.wav", []);

        var run = await CliRun.PipedAsync("transcribe", path, "--url", Nowhere);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"realtime-asr: {path}: input is empty", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Empty_standard_input_says_the_input_is_empty()
    {
        var run = await CliRun.RunAsync(["transcribe", "-", "--raw", "--url", Nowhere], [], terminal: false);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("realtime-asr: stdin: input is empty", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Headerless_standard_input_needs_raw()
    {
        var pcm = TestAudio.ToBytes(TestAudio.Speak("hello"));

        var run = await CliRun.RunAsync(["transcribe", "-", "--url", Nowhere], pcm, terminal: false);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("realtime-asr: stdin is not WAV or Ogg Opus", line, StringComparison.Ordinal);
        Assert.Contains("--raw", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_with_a_wav_file_is_refused()
    {
        var wav = _folder.Write("a.wav", TestWav.Pcm16(new short[1600], 16000, 1));

        var run = await CliRun.PipedAsync("transcribe", wav, "--raw", "--url", Nowhere);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a WAV file, which carries its own format; --raw is for headerless PCM", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--sample-rate", "8000" }, "add --raw")]
    [InlineData(new[] { "--channels", "2" }, "add --raw")]
    [InlineData(new[] { "--raw", "--sample-rate", "10" }, "--sample-rate must be a whole number from 1000 to 384000, not '10'")]
    [InlineData(new[] { "--raw", "--channels", "0" }, "--channels must be a whole number from 1 to 64")]
    [InlineData(new[] { "--finish-timeout", "0" }, "--finish-timeout must be a positive number of seconds, not '0'")]
    [InlineData(new[] { "--finish-timeout", "soon" }, "--finish-timeout must be a positive number of seconds, not 'soon'")]
    public async Task Format_and_timeout_mistakes_exit_2(string[] options, string expected)
    {
        var run = await CliRun.PipedAsync(["transcribe", "a.pcm", "--url", Nowhere, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
