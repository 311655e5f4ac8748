using RealtimeAsr.Models;
using Spectre.Console;

namespace RealtimeAsr.Cli.Output;

/// <summary>
/// Standard error is a terminal: a progress bar for a model download (bytes, speed, time left), cleared when it ends.
/// </summary>
internal static class ModelDownloadDisplay
{
    /// <summary>Runs <paramref name="download"/> with a bar that its progress reports move.</summary>
    public static async Task<T> ShowAsync<T>(IAnsiConsole terminal, ModelInfo model, Func<IProgress<ModelDownloadProgress>, Task<T>> download)
    {
        T result = default!;
        await terminal.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(model.Name), maxValue: model.Size ?? model.ApproximateSize ?? 1);
                task.IsIndeterminate = model.Size is null && model.ApproximateSize is null;
                result = await download(new BarProgress(task));
                task.StopTask();
            });
        return result;
    }

    private sealed class BarProgress(ProgressTask task) : IProgress<ModelDownloadProgress>
    {
        public void Report(ModelDownloadProgress value)
        {
            if (value.TotalBytes is { } total)
            {
                task.MaxValue = total;
                task.IsIndeterminate = false;
            }

            task.Value = value.BytesReceived;
        }
    }
}
