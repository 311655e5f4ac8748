using System.Text.Json;
using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Cli.Tests.Integration;

/// <summary><c>realtime-asr transcribe</c> against the real server, in-process, on real speech.</summary>
[Collection(RealServer.Name)]
public sealed class TranscribeCommandTests(ServerFixture server, ITestOutputHelper output) : IDisposable
{
    /// <summary>PocketSphinx on the first two LibriVox clips measures about 0.37 (see the client tests); 0.5 leaves room.</summary>
    private const double WerBound = 0.5;

    private readonly List<string> _files = [];

    [Fact]
    public async Task A_44k_stereo_wav_is_converted_and_its_final_transcripts_printed_one_per_line()
    {
        var clips = TestAudio.LibriVoxClips().Take(2).ToList();
        var mono = TestAudio.Join(clips.Select(c => c.Samples), gapMs: 1000);
        var wav = File(TestWav.Pcm16(TestWav.Spread(mono, 44100, 2), 44100, 2));

        var run = await CliRun.PipedAsync([.. Transcribe(wav), "--language", "en"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(2, run.OutLines.Length);
        Assert.DoesNotContain('\u001b', run.Out);
        var wer = WordErrorRate.Compute(string.Join(" ", clips.Select(c => c.Transcript)), string.Join(" ", run.OutLines));
        output.WriteLine($"WER {wer:P1}");
        Assert.True(wer < WerBound, $"WER {wer:P1}");
    }

    [Fact]
    public async Task Json_output_is_one_parsable_event_per_line_from_created_to_finished()
    {
        var wav = File(TestWav.Pcm16(Sentence(), 16000, 1));

        var run = await CliRun.PipedAsync([.. Transcribe(wav), "--json"]);

        Assert.Equal(0, run.ExitCode);
        var types = run.OutLines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("event_id").GetString()));
            return document.RootElement.GetProperty("type").GetString();
        }).ToList();
        Assert.Equal(EventTypes.SessionCreated, types[0]);
        Assert.Equal(EventTypes.SessionUpdated, types[1]);
        Assert.Equal(EventTypes.SessionFinished, types[^1]);
        Assert.Contains(EventTypes.SpeechStarted, types);
        Assert.Contains(EventTypes.TranscriptionText, types);
        Assert.Contains(EventTypes.TranscriptionCompleted, types);
    }

    [Fact]
    public async Task Manual_mode_prints_one_transcript_for_the_whole_input()
    {
        var wav = File(TestWav.Pcm16(TestAudio.Join([Sentence(), Sentence()], gapMs: 1000), 16000, 1));

        var run = await CliRun.PipedAsync([.. Transcribe(wav), "--manual"]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.OutLines);
    }

    [Fact]
    public async Task Raw_pcm_and_ogg_opus_from_stdin_are_transcribed()
    {
        var speech = Sentence();

        var raw = await CliRun.RunAsync([.. Transcribe("-"), "--raw", "--vad-preset", "low-latency"], TestAudio.ToBytes(speech), terminal: false);
        var opus = await CliRun.RunAsync(Transcribe("-"), TestAudio.EncodeOggOpus(speech), terminal: false);

        output.WriteLine(raw.ToString());
        output.WriteLine(opus.ToString());
        Assert.Equal(0, raw.ExitCode);
        Assert.NotEmpty(raw.OutLines);
        Assert.Equal(0, opus.ExitCode);
        Assert.NotEmpty(opus.OutLines);
    }

    [Fact]
    public async Task A_terminal_gets_the_live_display_and_the_final_lines()
    {
        var wav = File(TestWav.Pcm16(Sentence(), 16000, 1));

        var run = await CliRun.RunAsync(Transcribe(wav), stdin: null, terminal: true);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains('\u001b', run.Out);
        Assert.Contains("→ ws://", run.Out, StringComparison.Ordinal);
        Assert.Contains("━", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_exits_1_naming_the_401()
    {
        var wav = File(TestWav.Pcm16(new short[1600], 16000, 1));

        var run = await CliRun.PipedAsync("transcribe", wav, "--url", server.RealtimeEndpoint.ToString(), "--api-key", "wrong");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("HTTP 401", line, StringComparison.Ordinal);
        Assert.Contains("--api-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_comes_from_REALTIME_ASR_API_KEY_when_not_given()
    {
        var wav = File(TestWav.Pcm16(Sentence(), 16000, 1));

        var run = await CliRun.RunAsync(["transcribe", wav, "--url", server.RealtimeEndpoint.ToString()], stdin: null, terminal: false,
            environment: name => name == "REALTIME_ASR_API_KEY" ? ServerFixture.ApiKey : null);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task The_api_key_file_is_accepted_by_the_server()
    {
        var wav = File(TestWav.Pcm16(Sentence(), 16000, 1));
        var keyFile = TestWav.ToTempFile(System.Text.Encoding.UTF8.GetBytes(ServerFixture.ApiKey + "\n"), ".key");
        _files.Add(keyFile);

        var run = await CliRun.PipedAsync("transcribe", wav, "--url", server.RealtimeEndpoint.ToString(), "--api-key-file", keyFile);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(run.OutLines);
    }

    [Fact]
    public async Task Raw_pcm_at_8kHz_is_sent_at_the_rate_given()
    {
        var speech = TestAudio.ResampleWithSox(TestAudio.Join([TestAudio.LibriVoxClips()[0].Samples], gapMs: 1000), 8000);

        var run = await CliRun.RunAsync([.. Transcribe("-"), "--raw", "--sample-rate", "8000", "--finish-timeout", "120", "--json"], TestAudio.ToBytes(speech), terminal: false);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        var events = run.OutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var updated = Assert.Single(events, e => e.GetProperty("type").GetString() == EventTypes.SessionUpdated);
        Assert.Equal(8000, updated.GetProperty("session").GetProperty("sample_rate").GetInt32());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == EventTypes.TranscriptionCompleted);
    }

    [Fact]
    public async Task Silence_says_no_speech_was_recognised_and_exits_0()
    {
        var wav = File(TestWav.Pcm16(TestAudio.Silence(2000), 16000, 1));

        var run = await CliRun.PipedAsync(Transcribe(wav));

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"realtime-asr: no speech recognised in {wav}", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_failed_utterance_is_named_on_stderr_and_exits_1()
    {
        // A steady tone committed in Manual mode: the engine finds no words, and the server fails the utterance.
        var tone = Enumerable.Range(0, 32000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000))).ToArray();
        var wav = File(TestWav.Pcm16(tone, 16000, 1));

        var run = await CliRun.PipedAsync([.. Transcribe(wav), "--manual"]);
        var live = await CliRun.RunAsync([.. Transcribe(wav), "--manual"], stdin: null, terminal: true);

        output.WriteLine(run.ToString());
        output.WriteLine(live.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Matches("^realtime-asr: item_\\w+: recognition failed: audio_unintelligible ", Assert.Single(run.ErrorLines));
        Assert.Equal(1, live.ExitCode);
        Assert.Contains("not transcribed", live.Out, StringComparison.Ordinal);
        Assert.Matches("^realtime-asr: item_\\w+: recognition failed: audio_unintelligible ", Assert.Single(live.ErrorLines));
    }

    [Fact]
    public async Task An_error_event_exits_1_with_its_code_and_param()
    {
        var wav = File(TestWav.Pcm16(new short[1600], 16000, 1));

        var run = await CliRun.PipedAsync([.. Transcribe(wav), "--language", "xx"]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("invalid_value", line, StringComparison.Ordinal);
        Assert.Contains("session.input_audio_transcription.language", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            System.IO.File.Delete(file);
        }
    }

    private static short[] Sentence() => TestAudio.Join([TestAudio.Speak("The weather is nice today.")], gapMs: 500);

    private string[] Transcribe(string input) => ["transcribe", input, "--url", server.RealtimeEndpoint.ToString(), "--api-key", ServerFixture.ApiKey];

    private string File(byte[] wav)
    {
        var path = TestWav.ToTempFile(wav);
        _files.Add(path);
        return path;
    }
}
