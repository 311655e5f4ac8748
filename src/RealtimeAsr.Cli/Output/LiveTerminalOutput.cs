using System.Globalization;
using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Protocol;
using Spectre.Console;

namespace RealtimeAsr.Cli.Output;

/// <summary>
/// Standard output is a terminal: final transcripts scroll up as lines; below them one live line shows the
/// utterance in progress (confirmed <c>text</c>, then the draft <c>stash</c> dimmed) above a progress bar.
/// </summary>
internal sealed class LiveTerminalOutput(IAnsiConsole terminal) : ITranscriptOutput
{
    private const int BarWidth = 30;
    private static readonly TimeSpan s_refreshInterval = TimeSpan.FromMilliseconds(200);

    private string _text = "";
    private string _stash = "";

    public async Task<ErrorEvent?> RenderAsync(IAsyncEnumerable<ServerEvent> events, AudioInput input, SendProgress progress, CancellationToken cancellationToken)
    {
        ErrorEvent? failure = null;
        await terminal.Live(Render(input, progress))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                var enumerator = events.GetAsyncEnumerator(cancellationToken);
                Task<bool>? next = null;
                try
                {
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        next ??= enumerator.MoveNextAsync().AsTask();
                        // Wake up now and then even without events, so the progress bar moves during silence.
                        if (await Task.WhenAny(next, Task.Delay(s_refreshInterval, CancellationToken.None)) != next)
                        {
                            context.UpdateTarget(Render(input, progress));
                            continue;
                        }

                        var hasEvent = await next;
                        next = null;
                        if (!hasEvent)
                        {
                            break;
                        }

                        failure = Show(enumerator.Current);
                        if (failure is not null)
                        {
                            break;
                        }

                        context.UpdateTarget(Render(input, progress));
                    }
                }
                finally
                {
                    if (next is not null)
                    {
                        await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }

                    await enumerator.DisposeAsync();
                }
            });
        return failure;
    }

    private ErrorEvent? Show(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case TranscriptionTextEvent partial:
                _text = partial.Text;
                _stash = partial.Stash;
                break;
            case TranscriptionCompletedEvent completed:
                _text = _stash = "";
                if (!string.IsNullOrWhiteSpace(completed.Transcript))
                {
                    terminal.WriteLine(completed.Transcript.Trim());
                }

                break;
            case TranscriptionFailedEvent failed:
                _text = _stash = "";
                terminal.MarkupLine($"[yellow](not transcribed: {Markup.Escape(failed.Error.Message)})[/]");
                break;
            case ErrorEvent error:
                return error;
        }

        return null;
    }

    /// <summary>
    /// Keeps the end of a partial that is wider than <paramref name="columns"/>, marked with a leading ellipsis: the live
    /// line must stay one line, or the display cannot erase what it drew when the text shrinks.
    /// </summary>
    internal static (string Text, string Stash) FitTail(string text, string stash, int columns)
    {
        if (Width(text) + Width(stash) <= columns)
        {
            return (text, stash);
        }

        var budget = Math.Max(1, columns - 1);
        var stashStart = stash.Length;
        while (stashStart > 0 && budget >= Width(stash[stashStart - 1]))
        {
            budget -= Width(stash[--stashStart]);
        }

        if (stashStart > 0)
        {
            return ("…", stash[stashStart..]);
        }

        var textStart = text.Length;
        while (textStart > 0 && budget >= Width(text[textStart - 1]))
        {
            budget -= Width(text[--textStart]);
        }

        return ("…" + text[textStart..], stash);
    }

    private Rows Render(AudioInput input, SendProgress progress)
    {
        var (text, stash) = FitTail(_text, _stash, terminal.Profile.Width - 1);
        var partial = text.Length + stash.Length == 0
            ? new Markup("[dim]…[/]")
            : new Markup($"{Markup.Escape(text)}[dim]{Markup.Escape(stash)}[/]");
        return new Rows(partial, ProgressLine(input, progress.BytesSent));
    }

    private static int Width(string text) => text.Sum(Width);

    /// <summary>Terminal columns of a character: CJK and full-width forms take two.</summary>
    private static int Width(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6')
            ? 2
            : 1;

    private static Markup ProgressLine(AudioInput input, long sent)
    {
        var seconds = input.SecondsOf(sent);
        var position = seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s") : FormatBytes(sent);
        if (input.TotalBytes is not { } total || total <= 0)
        {
            return new Markup($"[dim]sent {position}[/]");
        }

        var fraction = Math.Clamp((double)sent / total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var end = input.SecondsOf(total) is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t:0.0} s") : FormatBytes(total);
        return new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {fraction * 100,3:0}% [dim]{position} / {end}[/]"));
    }

    private static string FormatBytes(long bytes) =>
        bytes < 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB");
}
