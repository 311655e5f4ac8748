using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace RealtimeAsr.Browser.Tests;

/// <summary>One utterance of the page's transcript, as the page shows it.</summary>
public sealed record ShownUtterance(
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("partials")] int Partials,
    [property: JsonPropertyName("latencyMs")] int? LatencyMs,
    [property: JsonPropertyName("timing")] string Timing);

/// <summary>The page's controls and what it shows, read the way a person would see them (plus its data attributes).</summary>
public sealed class RealtimePage(IPage page)
{
    public IPage Page => page;

    /// <summary>Opens the page and waits until it has read its configuration.</summary>
    public async Task OpenAsync(string url)
    {
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("#app:not([data-connection='loading'])");
    }

    /// <summary>Waits until the connection state is <paramref name="state"/> (idle, connecting, live, finishing, done, unavailable).</summary>
    public Task WaitForConnectionAsync(string state) =>
        page.WaitForSelectorAsync($"#app[data-connection='{state}']", new() { State = WaitForSelectorState.Attached });

    /// <summary>Milliseconds of audio the page has taken from its input in this session.</summary>
    public async Task<int> CapturedMsAsync() =>
        int.Parse(await page.GetAttributeAsync("#app", "data-captured-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the page has taken at least <paramref name="ms"/> of audio from its input.</summary>
    public Task WaitForCapturedAsync(int ms) =>
        page.WaitForFunctionAsync("ms => Number(document.getElementById('app').dataset.capturedMs) >= ms", ms,
            new() { PollingInterval = 50 });

    /// <summary>Waits until <paramref name="count"/> utterances are final.</summary>
    public Task WaitForFinalsAsync(int count) =>
        page.WaitForFunctionAsync("n => document.querySelectorAll(\".utterance[data-state='final']\").length >= n", count);

    /// <summary>The transcript as shown.</summary>
    public async Task<IReadOnlyList<ShownUtterance>> UtterancesAsync() =>
        (await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.utterance')].map(li => ({
              itemId: li.dataset.itemId,
              state: li.dataset.state,
              text: li.querySelector('.text').textContent + li.querySelector('.stash').textContent,
              partials: Number(li.dataset.partials),
              latencyMs: li.dataset.latencyMs === undefined ? null : Number(li.dataset.latencyMs),
              timing: li.querySelector('.timing').textContent,
            }))
            """)).Deserialize<ShownUtterance[]>()!;

    /// <summary>The error banner's text once it is shown.</summary>
    public async Task<string> ShownErrorAsync()
    {
        var banner = await page.WaitForSelectorAsync("#error:not([hidden])");
        return await banner!.InnerTextAsync();
    }
}
