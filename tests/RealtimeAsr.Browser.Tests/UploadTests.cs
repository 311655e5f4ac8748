using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>A browser whose microphone plays a second of silence (for tests that do not use it).</summary>
public sealed class QuietBrowser : BrowserFixture;

/// <summary>A file as the input: decoded, resampled and streamed at real-time pace by the page; no microphone.</summary>
[Collection(PageTests.Name)]
public sealed class UploadTests(PageServer server, QuietBrowser browser, ITestOutputHelper output) : IClassFixture<QuietBrowser>
{
    /// <summary>As for the microphone (<see cref="HandsFreeTests"/>): six words of 71 beyond the protocol's own result.</summary>
    private const double MarginOverProtocol = 6.0 / 71;

    [Fact]
    public async Task An_uploaded_wav_is_transcribed_hands_free_like_the_protocol_does()
    {
        var audio = Recordings.LibriVox();
        var wav = Wav.WriteTemp(audio, "upload");
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);

        await tab.Page.SetInputFilesAsync("#file", wav);
        await page.WaitForConnectionAsync("live");
        await page.WaitForConnectionAsync("done");

        var shown = await page.UtterancesAsync();
        foreach (var utterance in shown)
        {
            output.WriteLine($"{utterance.ItemId} {utterance.State} {utterance.Timing}: {utterance.Text}");
        }

        Assert.NotEmpty(shown);
        Assert.All(shown, u => Assert.Equal("final", u.State));
        Assert.Equal(Wav.DurationMs(audio.Length) / 100, await page.CapturedMsAsync() / 100);

        var reference = Recordings.LibriVoxReference();
        var pageWer = WordErrorRate.Compute(reference, string.Join(" ", shown.Select(u => u.Text)));
        var direct = await ProtocolBaseline.TranscribeAsync(server, audio);
        var protocolWer = WordErrorRate.Compute(reference, string.Join(" ", direct));
        output.WriteLine($"WER: page {pageWer:P1} ({shown.Count} finals), protocol {protocolWer:P1} ({direct.Count} finals)");
        Assert.True(pageWer <= protocolWer + MarginOverProtocol, $"page WER {pageWer:P1} vs the protocol's {protocolWer:P1}");
        Assert.Empty(tab.Errors);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task A_file_in_push_to_talk_mode_is_one_utterance_committed_at_its_end()
    {
        var clip = Recordings.PushToTalkClips()[0];
        var wav = Wav.WriteTemp([.. TestAudio.Silence(300), .. clip.Samples, .. TestAudio.Silence(300)], "upload-manual");
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);
        await tab.Page.CheckAsync("input[name='mode'][value='manual']");

        await tab.Page.SetInputFilesAsync("#file", wav);
        await page.WaitForConnectionAsync("live");
        await page.WaitForConnectionAsync("done");

        var shown = Assert.Single(await page.UtterancesAsync());
        output.WriteLine($"{shown.Timing}: {shown.Text}");
        Assert.Equal("final", shown.State);
        Assert.Contains("after the end of the file", shown.Timing, StringComparison.Ordinal);
        Assert.True(WordErrorRate.Compute(clip.Transcript, shown.Text) < 0.45, shown.Text);
    }

    [Fact]
    public async Task A_file_that_is_not_audio_is_refused_readably()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-audio-{Guid.NewGuid():N}.wav");
        await File.WriteAllTextAsync(path, "this is not a sound");
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);

        await tab.Page.SetInputFilesAsync("#file", path);

        Assert.Contains("could not be decoded", await page.ShownErrorAsync(), StringComparison.Ordinal);
        await page.WaitForConnectionAsync("idle");
    }
}
