using System.Text.Json;
using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Cli.Tests.Integration;

/// <summary><c>realtime-asr eval</c> against the real server on the LibriVox clips of pocketsphinx-testdata.</summary>
[Collection(RealServer.Name)]
public sealed class EvalCommandTests(ServerFixture server, ITestOutputHelper output) : IDisposable
{
    /// <summary>PocketSphinx measures about 0.35 on these clips; 0.6 only catches a broken pipeline.</summary>
    private const double WerBound = 0.6;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_manifest_run_prints_a_row_per_file_and_totals_and_saves_json_whose_totals_are_the_sums()
    {
        var clips = TestAudio.LibriVoxClips();
        var manifest = new List<string> { "# LibriVox clips: audio<TAB>reference<TAB>language" };
        foreach (var clip in clips)
        {
            File.Copy(Path.Combine(TestAudio.LibriVoxDirectory, clip.Name + ".wav"), _folder.File($"clips/{clip.Name}.wav"));
            manifest.Add($"clips/{clip.Name}.wav\t{clip.Transcript}\ten");
        }

        var manifestPath = _folder.Write("eval.tsv", string.Join('\n', manifest) + "\n");
        var reportPath = _folder.File("report.json");

        var run = await CliRun.PipedAsync([.. Eval(manifestPath), "--parallel", "2", "--output", reportPath]);

        output.WriteLine(run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.StartsWith("file ", run.OutLines[0], StringComparison.Ordinal);
        foreach (var clip in clips)
        {
            Assert.Single(run.OutLines, line => line.StartsWith($"clips/{clip.Name}.wav ", StringComparison.Ordinal));
        }

        Assert.Single(run.OutLines, line => line.StartsWith("overall ", StringComparison.Ordinal));
        Assert.Contains("5 of 5 files scored", run.Out, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        var totals = report.RootElement.GetProperty("totals");
        Assert.Equal(clips.Select(c => $"clips/{c.Name}.wav"), files.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("vad", report.RootElement.GetProperty("mode").GetString());
        foreach (var unit in new[] { "words", "characters" })
        {
            foreach (var count in new[] { "correct", "substitutions", "deletions", "insertions", "reference_count", "errors" })
            {
                Assert.Equal(files.Sum(f => f.GetProperty(unit).GetProperty(count).GetInt32()), totals.GetProperty(unit).GetProperty(count).GetInt32());
            }

            var errors = totals.GetProperty(unit).GetProperty("errors").GetDouble();
            var reference = totals.GetProperty(unit).GetProperty("reference_count").GetDouble();
            Assert.Equal(errors / reference, totals.GetProperty(unit).GetProperty("rate").GetDouble(), 12);
        }

        foreach (var count in new[] { "utterances", "failed_utterances", "text_events", "revisions" })
        {
            Assert.Equal(files.Sum(f => f.GetProperty(count).GetInt32()), totals.GetProperty(count).GetInt32());
        }

        Assert.Equal(files.Sum(f => f.GetProperty("end_of_speech_to_final_ms").GetProperty("count").GetInt32()),
            totals.GetProperty("end_of_speech_to_final_ms").GetProperty("count").GetInt32());
        Assert.All(files, f => Assert.True(f.GetProperty("utterances").GetInt32() >= 1));
        Assert.True(totals.GetProperty("end_of_speech_to_final_ms").GetProperty("mean").GetDouble() > 0);
        Assert.True(totals.GetProperty("first_partial_ms").GetProperty("count").GetInt32() >= 1);
        var wer = totals.GetProperty("words").GetProperty("rate").GetDouble();
        output.WriteLine($"WER {wer:P1}");
        Assert.InRange(wer, 0, WerBound);
    }

    [Fact]
    public async Task A_folder_of_wav_and_opus_is_evaluated_and_compare_prints_the_deltas()
    {
        var clips = TestAudio.LibriVoxClips().Where(c => c.Name.EndsWith("0880", StringComparison.Ordinal) || c.Name.EndsWith("0930", StringComparison.Ordinal)).ToList();
        _folder.Write("set/first.wav", TestWav.Pcm16(clips[0].Samples, 16000, 1));
        _folder.Write("set/first.txt", clips[0].Transcript + "\n");
        _folder.Write("set/second.opus", TestAudio.EncodeOggOpus(clips[1].Samples));
        _folder.Write("set/second.txt", clips[1].Transcript);

        var first = await CliRun.PipedAsync([.. Eval(_folder.File("set")), "--json"]);

        output.WriteLine(first.ToString());
        Assert.Equal(0, first.ExitCode);
        using (var report = JsonDocument.Parse(first.Out))
        {
            var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
            Assert.Equal(["first.wav", "second.opus"], files.Select(f => f.GetProperty("name").GetString()));
            Assert.All(files, f => Assert.Equal(JsonValueKind.Null, f.GetProperty("error").ValueKind));
            // The Opus file's position comes from decoding it: about its 3.3 s, not its byte count.
            Assert.InRange(files[1].GetProperty("audio_seconds").GetDouble(), 2.5, 4.5);
            Assert.InRange(report.RootElement.GetProperty("totals").GetProperty("words").GetProperty("rate").GetDouble(), 0, WerBound);
        }

        var baseline = _folder.Write("baseline.json", first.Out);
        var second = await CliRun.RunAsync([.. Eval(_folder.File("set")), "--manual", "--compare", baseline], stdin: null, terminal: false, errorTerminal: true);

        output.WriteLine(second.ToString());
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain('\u001b', second.Out);
        Assert.Contains("━", second.Error, StringComparison.Ordinal);
        var comparison = second.OutLines.SkipWhile(line => !line.StartsWith("compared with ", StringComparison.Ordinal)).ToList();
        Assert.Contains(baseline, comparison[0], StringComparison.Ordinal);
        Assert.StartsWith("file ", comparison[1], StringComparison.Ordinal);
        foreach (var name in new[] { "first.wav ", "second.opus ", "overall " })
        {
            var row = Assert.Single(comparison, line => line.StartsWith(name, StringComparison.Ordinal));
            Assert.Contains(" pp", row, StringComparison.Ordinal);
            Assert.Matches(@"[+-]?\d+ ms", row);
        }
    }

    [Fact]
    public async Task A_file_the_server_rejects_is_reported_as_an_error_row_and_exits_1()
    {
        var clip = TestAudio.LibriVoxClips()[1];
        _folder.Write("a.wav", TestWav.Pcm16(clip.Samples, 16000, 1));
        var manifest = _folder.Write("eval.tsv", $"a.wav\t{clip.Transcript}\txx\n");

        var run = await CliRun.PipedAsync(Eval(manifest));

        output.WriteLine(run.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^a\.wav +- +error", Assert.Single(run.OutLines, line => line.StartsWith("a.wav ", StringComparison.Ordinal)));
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("realtime-asr: 1 of 1 files could not be evaluated; the first, a.wav: ", line, StringComparison.Ordinal);
        Assert.Contains("invalid_value", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flac_file_is_an_error_row_naming_FLAC_while_the_others_run_with_the_key_file_and_finish_timeout()
    {
        var clip = TestAudio.LibriVoxClips()[0];
        var wav = _folder.Write("good.wav", TestWav.Pcm16(clip.Samples, 16000, 1));
        TestAudio.Run("sox", wav, _folder.File("bad.flac"));
        var key = _folder.Write("key.txt", ServerFixture.ApiKey + "\n");
        var manifest = _folder.Write("eval.tsv", $"good.wav\t{clip.Transcript}\nbad.flac\t{clip.Transcript}\n");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", server.RealtimeEndpoint.ToString(), "--api-key-file", key, "--finish-timeout", "120");

        output.WriteLine(run.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotMatch(@"error", Assert.Single(run.OutLines, line => line.StartsWith("good.wav ", StringComparison.Ordinal)));
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("realtime-asr: 1 of 2 files could not be evaluated; the first, bad.flac: ", line, StringComparison.Ordinal);
        Assert.Contains("is FLAC", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_exits_1_with_one_line()
    {
        _folder.Write("a.wav", TestWav.Pcm16(new short[1600], 16000, 1));
        var manifest = _folder.Write("eval.tsv", "a.wav\t\n");

        var run = await CliRun.PipedAsync("eval", manifest, "--url", server.RealtimeEndpoint.ToString(), "--api-key", "wrong");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("HTTP 401", line, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private string[] Eval(string input) => ["eval", input, "--url", server.RealtimeEndpoint.ToString(), "--api-key", ServerFixture.ApiKey];
}
