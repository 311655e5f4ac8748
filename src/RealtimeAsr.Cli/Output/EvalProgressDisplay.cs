using System.Globalization;
using RealtimeAsr.Cli.Measurement;
using Spectre.Console;

namespace RealtimeAsr.Cli.Output;

/// <summary>
/// Standard error is a terminal: one live line under the command shows a bar over the files (a file in progress
/// counts by the share of its audio sent), how many are done, and which are running. Cleared when the run ends.
/// </summary>
internal static class EvalProgressDisplay
{
    private const int BarWidth = 30;
    private static readonly TimeSpan s_refreshInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Shows <paramref name="progress"/> until <paramref name="run"/> ends, and returns its result.</summary>
    public static async Task<T> ShowAsync<T>(IAnsiConsole terminal, EvalProgress progress, Task<T> run)
    {
        await terminal.Live(Render(progress, terminal.Profile.Width))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                while (await Task.WhenAny(run, Task.Delay(s_refreshInterval, CancellationToken.None)) != run)
                {
                    context.UpdateTarget(Render(progress, terminal.Profile.Width));
                }
            });
        return await run;
    }

    private static Markup Render(EvalProgress progress, int columns)
    {
        var fraction = progress.Files == 0 ? 1 : Math.Clamp(progress.Value / progress.Files, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var count = string.Create(CultureInfo.InvariantCulture, $" {progress.Done}/{progress.Files} files");
        // The line must stay one line, or the display cannot erase it: the running files' names get what is left.
        var names = " " + string.Join(", ", progress.Running.Select(Path.GetFileName));
        var room = Math.Max(0, columns - 1 - BarWidth - count.Length);
        names = names.Length <= room ? names : room > 1 ? names[..(room - 1)] + "…" : "";
        return new Markup(
            $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/]{count}[dim]{Markup.Escape(names.TrimEnd())}[/]");
    }
}
