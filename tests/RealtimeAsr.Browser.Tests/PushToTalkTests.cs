using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>A browser whose microphone plays two short LibriVox clips with pauses around them.</summary>
public sealed class TwoClipMicrophoneBrowser : BrowserFixture
{
    protected override short[] MicrophoneAudio => Recordings.PushToTalk();
}

/// <summary>Push-to-talk (Manual mode): audio goes out while the button or Space is held; release commits it.</summary>
[Collection(PageTests.Name)]
public sealed class PushToTalkTests(PageServer server, TwoClipMicrophoneBrowser browser, ITestOutputHelper output)
    : IClassFixture<TwoClipMicrophoneBrowser>
{
    /// <summary>
    /// Bound on the word error rate of each clip (8 words each) as one committed utterance. Measured through the page
    /// 0.25 and 0.125 (two words and one); 0.45, the server's LibriVox bound, allows three errors and fails at four.
    /// </summary>
    private const double ClipWerBound = 0.45;

    /// <summary>How long a press lasts past the end of a clip's speech: a person lets go a little after speaking.</summary>
    private const int ReleaseAfterSpeechMs = 600;

    [Fact]
    public async Task Holding_the_button_then_Space_gives_one_final_per_press_with_its_timing()
    {
        var clips = Recordings.PushToTalkClips();
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);
        await tab.Page.CheckAsync("input[name='mode'][value='manual']");
        Assert.False(await tab.Page.IsVisibleAsync("#preset"), "turn detection settings are for hands-free only");

        await tab.Page.ClickAsync("#start");
        await page.WaitForConnectionAsync("live");
        var talk = tab.Page.Locator("#talk");
        Assert.True(await talk.IsVisibleAsync());

        // First clip with the mouse: press before its speech starts, release after it ends.
        var first = Recordings.Span(clips, 0);
        await talk.HoverAsync();
        await tab.Page.Mouse.DownAsync();
        var pressedAt = await page.CapturedMsAsync();
        Assert.True(pressedAt < first.StartMs, $"pressed at {pressedAt} ms of audio, after the speech began at {first.StartMs} ms");
        Assert.Equal("true", await talk.GetAttributeAsync("aria-pressed"));
        await page.WaitForCapturedAsync(first.EndMs + ReleaseAfterSpeechMs);
        await tab.Page.Mouse.UpAsync();
        Assert.Equal("false", await talk.GetAttributeAsync("aria-pressed"));
        await page.WaitForFinalsAsync(1);

        // Second clip with the keyboard: Space held.
        var second = Recordings.Span(clips, 1);
        await tab.Page.Keyboard.DownAsync("Space");
        pressedAt = await page.CapturedMsAsync();
        Assert.True(pressedAt < second.StartMs, $"pressed at {pressedAt} ms of audio, after the speech began at {second.StartMs} ms");
        await page.WaitForCapturedAsync(second.EndMs + ReleaseAfterSpeechMs);
        await tab.Page.Keyboard.UpAsync("Space");
        await page.WaitForFinalsAsync(2);

        await tab.Page.ClickAsync("#start");
        await page.WaitForConnectionAsync("done");

        var shown = await page.UtterancesAsync();
        foreach (var utterance in shown)
        {
            output.WriteLine($"{utterance.ItemId} {utterance.State} {utterance.Timing}: {utterance.Text}");
        }

        Assert.Equal(2, shown.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("final", shown[i].State);
            Assert.NotNull(shown[i].LatencyMs);
            Assert.Matches(@"^final \d+\.\d\d s after release$", shown[i].Timing);
            var wer = WordErrorRate.Compute(clips[i].Transcript, shown[i].Text);
            output.WriteLine($"clip {i}: WER {wer:P1}; reference: {clips[i].Transcript}");
            Assert.True(wer < ClipWerBound, $"clip {i}: WER {wer:P1}: \"{shown[i].Text}\"");
        }

        Assert.Empty(tab.Errors);
        Assert.Empty(tab.ConsoleErrors);
    }
}
