using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>A browser whose microphone plays the five LibriVox clips with pauses between them.</summary>
public sealed class LibriVoxMicrophoneBrowser : BrowserFixture
{
    protected override short[] MicrophoneAudio => Recordings.LibriVox();
}

/// <summary>Hands-free (server VAD) from the microphone: partials while speaking, then a final per utterance.</summary>
[Collection(PageTests.Name)]
public sealed class HandsFreeTests(PageServer server, LibriVoxMicrophoneBrowser browser, ITestOutputHelper output)
    : IClassFixture<LibriVoxMicrophoneBrowser>
{
    /// <summary>
    /// Words the page may get wrong beyond the engine's own errors on the file (71 words): the browser's fake device
    /// resamples the 16 kHz file to its own rate and the page resamples it back, and VAD cuts fall on audio that differs
    /// by those filters, so a few words at utterance edges may differ. As in the server's VAD tests, no more than 6.
    /// </summary>
    private const double MarginOverProtocol = 6.0 / 71;

    /// <summary>The server tests' bound on these clips through the protocol (VadModeTests).</summary>
    private const double LibriVoxWerBound = 0.45;

    /// <summary>The balanced preset's silence (800 ms), less one 100 ms block of capture granularity and some slack.</summary>
    private const int MinimumSilenceMs = 600;

    [Fact]
    public async Task Hands_free_shows_partials_while_speaking_then_finals_that_match_the_clips()
    {
        var audio = Recordings.LibriVox();
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);
        Assert.Equal("balanced", await tab.Page.InputValueAsync("#preset"));

        await tab.Page.ClickAsync("#start");
        // A partial: an utterance still being spoken that shows words (confirmed text or the dimmed stash).
        var partial = await tab.Page.WaitForSelectorAsync(
            ".utterance[data-state='speaking'] .stash:not(:empty), .utterance[data-state='speaking'] .text:not(:empty)");
        var partialItem = await partial!.EvaluateAsync<string>("e => e.closest('.utterance').dataset.itemId");
        var partialText = await partial.InnerTextAsync();
        output.WriteLine($"partial seen on {partialItem}: \"{partialText}\"");

        // Mid-session, for the docs: four finals with their timing, and the last clip being spoken.
        await page.WaitForFinalsAsync(TestAudio.LibriVoxClips().Count - 1);
        await tab.Page.WaitForSelectorAsync(
            ".utterance[data-state='speaking'] .stash:not(:empty), .utterance[data-state='speaking'] .text:not(:empty)");
        output.WriteLine($"screenshot while speaking: {await ScreenshotAsync(tab, "page-hands-free-live.png")}");

        // The whole recording has played (the fake device plays the file once, from the start of capture), then Stop.
        await page.WaitForCapturedAsync(Wav.DurationMs(audio.Length));
        await tab.Page.ClickAsync("#start");
        await page.WaitForConnectionAsync("done");

        var shown = await page.UtterancesAsync();
        foreach (var utterance in shown)
        {
            output.WriteLine($"{utterance.ItemId} {utterance.State} partials={utterance.Partials} {utterance.Timing}: {utterance.Text}");
        }

        var screenshot = await ScreenshotAsync(tab, "page-hands-free.png");
        output.WriteLine($"screenshot: {screenshot}");

        Assert.All(shown, u => Assert.Equal("final", u.State));
        Assert.Contains(shown, u => u.ItemId == partialItem);
        Assert.All(shown, u => Assert.True(u.Partials > 0, $"{u.ItemId} became final without any partial shown"));
        Assert.All(shown, u => Assert.NotNull(u.LatencyMs));
        // Timed from when the talker stopped (speech_stopped's audio_end_ms, mapped to when that audio was captured),
        // not from the event: no final can come before the balanced preset's 800 ms of silence has been heard.
        Assert.All(shown, u => Assert.True(u.LatencyMs >= MinimumSilenceMs, $"{u.ItemId}: final {u.LatencyMs} ms after end of speech"));
        Assert.All(shown, u => Assert.Contains("after end of speech", u.Timing, StringComparison.Ordinal));

        var reference = Recordings.LibriVoxReference();
        var pageWer = WordErrorRate.Compute(reference, string.Join(" ", shown.Select(u => u.Text)));
        var direct = await ProtocolBaseline.TranscribeAsync(server, audio);
        var protocolWer = WordErrorRate.Compute(reference, string.Join(" ", direct));
        output.WriteLine($"WER: page {pageWer:P1} ({shown.Count} finals), protocol {protocolWer:P1} ({direct.Count} finals)");
        Assert.True(pageWer < LibriVoxWerBound, $"page WER {pageWer:P1}");
        Assert.True(pageWer <= protocolWer + MarginOverProtocol, $"page WER {pageWer:P1} vs the protocol's {protocolWer:P1}");
        Assert.Empty(tab.Errors);
        Assert.Empty(tab.ConsoleErrors);
    }

    private static async Task<string> ScreenshotAsync(BrowserPage tab, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await tab.Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
