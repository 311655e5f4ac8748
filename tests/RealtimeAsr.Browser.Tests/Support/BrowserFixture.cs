using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>
/// One headless chromium (Debian's, from apt: <c>scripts/setup.sh --tests</c>) per test class, driven by Playwright's
/// bundled node driver; no browser is downloaded. Its fake microphone plays <see cref="MicrophoneAudio"/> once, from
/// the moment the page starts capturing. Every test gets a fresh context (no shared cookies, storage or permissions).
/// </summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the apt package installs chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The longest a page may take to reach a state; an upper bound against hangs, never a measurement.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private IPlaywright? _playwright;

    /// <summary>16 kHz mono samples the fake microphone plays; silence unless a class needs speech.</summary>
    protected virtual short[] MicrophoneAudio => new short[Wav.SampleRate];

    /// <summary>Whether microphone requests are granted without asking (the fake-UI flag); otherwise they are denied.</summary>
    protected virtual bool GrantsMicrophone => true;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/setup.sh --tests (it installs Debian's chromium).");
        }

        var wav = Wav.WriteTemp(MicrophoneAudio, GetType().Name);
        List<string> args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream",
            $"--use-file-for-fake-audio-capture={wav}%noloop",
        ];
        args.Add(GrantsMicrophone ? "--use-fake-ui-for-media-stream" : "--deny-permission-prompts");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = args });
    }

    /// <summary>
    /// A page in a fresh context, its console and uncaught errors copied to the test output and into
    /// <see cref="BrowserPage.Errors"/>.
    /// </summary>
    public async Task<BrowserPage> NewPageAsync(ITestOutputHelper output)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 860 } });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var result = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            output.WriteLine($"[console.{message.Type}] {message.Text}");
            if (message.Type == "error")
            {
                result.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) =>
        {
            output.WriteLine($"[page error] {error}");
            result.Errors.Add(error);
        };
        return result;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>A page and its context, with what went wrong in it.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Uncaught exceptions in the page's scripts.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>console.error lines, including the browser's own (a refused connection, a CSP violation).</summary>
    public List<string> ConsoleErrors { get; } = [];

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
