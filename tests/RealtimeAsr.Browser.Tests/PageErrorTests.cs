using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>What the page says when it cannot transcribe: every failure in words a person can act on.</summary>
[Collection(PageTests.Name)]
public sealed class PageErrorTests(PageServer server, QuietBrowser browser, KeyedServer keyed, ITestOutputHelper output)
    : IClassFixture<QuietBrowser>, IClassFixture<KeyedServer>
{
    [Fact]
    public async Task A_model_the_server_does_not_serve_is_refused_in_the_servers_words()
    {
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync($"{server.PageUrl}?model=no-such-model");
        Assert.Equal("no-such-model", await tab.Page.InputValueAsync("#model"));

        await tab.Page.ClickAsync("#start");

        // The browser hides the refused upgrade's status; the page asks the server again and shows its answer.
        var error = await page.ShownErrorAsync();
        output.WriteLine(error);
        Assert.Contains("ModelNotFound", error, StringComparison.Ordinal);
        Assert.Contains("no-such-model", error, StringComparison.Ordinal);
        await page.WaitForConnectionAsync("idle");
        Assert.Equal("Start", await tab.Page.InnerTextAsync("#start"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task A_server_with_keys_and_no_page_tokens_explains_how_to_enable_the_page()
    {
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(keyed.HttpAddress.ToString());

        var error = await page.ShownErrorAsync();
        output.WriteLine(error);
        Assert.Contains("needs an API key", error, StringComparison.Ordinal);
        Assert.Contains("RealtimeAsr:Page:IssueTokens", error, StringComparison.Ordinal);
        await page.WaitForConnectionAsync("unavailable");
        Assert.True(await tab.Page.IsDisabledAsync("#start"));
        Assert.True(await tab.Page.IsDisabledAsync("#file"));
        Assert.DoesNotContain(KeyedServer.ApiKey, await tab.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Custom_turn_detection_out_of_range_is_refused_before_connecting()
    {
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);
        await tab.Page.SelectOptionAsync("#preset", "custom");
        await tab.Page.FillAsync("#silence", "50");

        await tab.Page.ClickAsync("#start");

        Assert.Contains("from 200 to 6000", await page.ShownErrorAsync(), StringComparison.Ordinal);
        Assert.Equal("idle", await tab.Page.GetAttributeAsync("#app", "data-connection"));
    }
}

/// <summary>A browser that denies microphone requests, as when a person clicks "Block".</summary>
public sealed class MicrophoneDeniedBrowser : BrowserFixture
{
    protected override bool GrantsMicrophone => false;
}

[Collection(PageTests.Name)]
public sealed class MicrophoneDeniedTests(PageServer server, MicrophoneDeniedBrowser browser, ITestOutputHelper output)
    : IClassFixture<MicrophoneDeniedBrowser>
{
    [Fact]
    public async Task A_denied_microphone_is_explained_and_opens_no_session()
    {
        await using var tab = await browser.NewPageAsync(output);
        var page = new RealtimePage(tab.Page);
        await page.OpenAsync(server.PageUrl);
        var sockets = 0;
        tab.Page.WebSocket += (_, _) => sockets++;

        await tab.Page.ClickAsync("#start");

        var error = await page.ShownErrorAsync();
        output.WriteLine(error);
        Assert.Contains("Microphone access was denied", error, StringComparison.Ordinal);
        Assert.Contains("transcribe a file", error, StringComparison.Ordinal);
        await page.WaitForConnectionAsync("idle");
        Assert.Equal(0, sockets);
        Assert.Empty(tab.Errors);
    }
}
