using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>
/// The page on a server with an API key that issues page tokens: the page holds no key, fetches a client secret from
/// <c>POST /page/client_secret</c> before each connection and offers it as the WebSocket subprotocol. A server with
/// keys admits no other way in from a browser, so a transcript on the page shows the whole path worked.
/// </summary>
[Collection(PageTests.Name)]
public sealed class TokenModeTests(TokenServer server, QuietBrowser browser, ITestOutputHelper output)
    : IClassFixture<TokenServer>, IClassFixture<QuietBrowser>
{
    /// <summary>
    /// Words of an 8-word clip the page may get wrong beyond what the engine makes of the same file through the protocol
    /// with an API key: the page resamples the file twice, so a word at the edge may differ (see <see cref="HandsFreeTests"/>).
    /// </summary>
    private const double MarginOverProtocol = 2.0 / 8;

    [Fact]
    public async Task Each_upload_connects_with_a_fresh_single_use_client_secret_and_is_transcribed()
    {
        var clips = Recordings.PushToTalkClips();
        var files = clips.Select(c => (short[])[.. TestAudio.Silence(300), .. c.Samples, .. TestAudio.Silence(1200)]).ToList();
        await using var tab = await browser.NewPageAsync(output);
        var minted = new List<string>();
        var sockets = new List<string>();
        tab.Page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/page/client_secret", StringComparison.Ordinal))
            {
                minted.Add($"{response.Request.Method} {response.Status}");
            }
        };
        tab.Page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.HttpAddress.ToString());

        for (var i = 0; i < clips.Count; i++)
        {
            await tab.Page.SetInputFilesAsync("#file", Wav.WriteTemp(files[i], $"token-{i}"));
            await page.WaitForConnectionAsync("live");
            await page.WaitForConnectionAsync("done");
            await page.WaitForFinalsAsync(i + 1);
        }

        var shown = await page.UtterancesAsync();
        foreach (var utterance in shown)
        {
            output.WriteLine($"{utterance.ItemId} {utterance.State} {utterance.Timing}: {utterance.Text}");
        }

        // One token per connection, each minted by the page's route, none in any URL the page opened.
        Assert.Equal(["POST 200", "POST 200"], minted);
        Assert.Equal(2, sockets.Count);
        Assert.All(sockets, url => Assert.DoesNotContain("ek_", url, StringComparison.Ordinal));
        Assert.Equal(clips.Count, shown.Count);
        for (var i = 0; i < clips.Count; i++)
        {
            var wer = WordErrorRate.Compute(clips[i].Transcript, shown[i].Text);
            var direct = string.Join(" ", await ProtocolBaseline.TranscribeAsync(server, files[i]));
            var protocolWer = WordErrorRate.Compute(clips[i].Transcript, direct);
            output.WriteLine($"clip {i}: WER page {wer:P1}, protocol {protocolWer:P1} (\"{direct}\"); reference: {clips[i].Transcript}");
            Assert.True(wer <= protocolWer + MarginOverProtocol, $"clip {i}: WER {wer:P1} vs the protocol's {protocolWer:P1}: \"{shown[i].Text}\"");
        }

        Assert.Empty(tab.Errors);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task A_page_of_another_origin_cannot_mint_a_client_secret()
    {
        await using var tab = await browser.NewPageAsync(output);
        var statuses = new List<int>();
        tab.Page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/page/client_secret", StringComparison.Ordinal))
            {
                statuses.Add(response.Status);
            }
        };
        // A page of another origin (the same server by another loopback name). A JSON POST would be stopped by the
        // browser's CORS preflight; a "simple" no-cors POST is not, so the server itself must refuse it by its Origin.
        var foreign = new UriBuilder(server.HttpAddress) { Host = "localhost" }.Uri;
        await tab.Page.GotoAsync(foreign + "healthz");
        await tab.Page.EvaluateAsync(
            "async url => { await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{}' }); }",
            server.HttpAddress + "page/client_secret");
        Assert.Equal([403], statuses);
    }
}
