using System.Diagnostics;
using System.Text.RegularExpressions;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The <c>curl</c> examples of docs/OPENAI.md, section "HTTP transcription", run as written with bash against a test
/// server (<c>$REALTIME_ASR_URL</c>, <c>$REALTIME_ASR_API_KEY</c>), each output checked.
/// </summary>
[Collection(SharedServer.Name)]
public sealed partial class OpenAIDocsCurlTests(ServerFixture server, ITestOutputHelper output)
{
    private const string Section = "## HTTP transcription: POST /v1/audio/transcriptions";

    [Fact]
    public async Task Every_curl_example_runs_as_written_and_answers_as_documented()
    {
        var blocks = BashBlocks();
        // One check per example, in order: a new example needs a check here.
        Action<string>[] checks =
        [
            models => Assert.Contains($"\"object\":\"list\",\"data\":[{{\"id\":\"{ServerFixture.Model}\",\"object\":\"model\"", models, StringComparison.Ordinal),
            json => Assert.Matches("^\\{\"text\":\"[a-z ]+\"\\}$", json),
            text => Assert.Matches("^[a-z ]+\n$", text),
            verbose => Assert.Contains("\"segments\":[{\"id\":0,\"seek\":0,\"start\":", verbose, StringComparison.Ordinal),
            srt => Assert.Matches("^1\n00:00:0\\d,\\d{3} --> 00:00:0\\d,\\d{3}\n[a-z ]+\n\n$", srt),
            stream => Assert.Matches("^(data: \\{\"type\":\"transcript.text.delta\",\"delta\":\"[a-z ]+\"\\}\n\n)+data: \\{\"type\":\"transcript.text.done\",\"text\":\"[a-z ]+\"\\}\n\n$", stream),
            flac => Assert.Matches("\"code\":\"unsupported_audio_format\"\\}\\}\n400\n$", flac),
        ];
        Assert.Equal(checks.Length, blocks.Count);

        List<string> outputs = [];
        for (var i = 0; i < blocks.Count; i++)
        {
            var result = await RunBashAsync(blocks[i]);
            output.WriteLine($"$ {blocks[i]}\n{result}");
            checks[i](result);
            outputs.Add(result);
        }

        // The JSON, text and streamed examples transcribe the same file: the same words.
        var text = outputs[2].TrimEnd('\n');
        Assert.Equal($"{{\"text\":\"{text}\"}}", outputs[1]);
        Assert.EndsWith($"\"text\":\"{text}\"}}\n\n", outputs[5], StringComparison.Ordinal);
    }

    private static List<string> BashBlocks()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "OPENAI.md"));
        var start = doc.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/OPENAI.md has no '{Section}'");
        var end = doc.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var section = end < 0 ? doc[start..] : doc[start..end];
        return [.. BashBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    private async Task<string> RunBashAsync(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["REALTIME_ASR_URL"] = server.HttpAddress.ToString().TrimEnd('/');
        info.Environment["REALTIME_ASR_API_KEY"] = ServerFixture.ApiKey;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RealtimeAsr.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RealtimeAsr.slnx not found above the test's directory.");
    }

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
