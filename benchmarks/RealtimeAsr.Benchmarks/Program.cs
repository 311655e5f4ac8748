using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using RealtimeAsr.Benchmarks;
using RealtimeAsr.Benchmarks.Reporting;

// Numbers in the report use '.' whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (typeof(BenchmarkRunner).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    await Console.Error.WriteLineAsync("RealtimeAsr.Benchmarks: this is a Debug build; its timings mislead. Run with -c Release.");
}

var root = BenchmarkCommand.Create(async (settings, cancellationToken) =>
{
    var report = settings.FromJson is { } stored
        ? JsonSerializer.Deserialize(await File.ReadAllTextAsync(stored, cancellationToken), ReportJsonContext.Default.BenchmarkReport)!
        : await BenchmarkRunner.RunAsync(settings, Console.Error, cancellationToken);
    var json = JsonSerializer.Serialize(report, ReportJsonContext.Default.BenchmarkReport) + "\n";
    if (settings.JsonFile is { } path)
    {
        await File.WriteAllTextAsync(path, json, cancellationToken);
    }

    if (settings.PlotDirectory is { } plots)
    {
        foreach (var file in BenchmarkPlots.Write(report, plots))
        {
            await Console.Error.WriteLineAsync($"RealtimeAsr.Benchmarks: wrote {file}");
        }
    }

    Console.Out.Write(settings.Json ? json : MarkdownReport.Render(report));
    return 0;
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"RealtimeAsr.Benchmarks: {error.Message}");
    }

    await Console.Error.WriteLineAsync("See --help.");
    return 2;
}

return await parsed.InvokeAsync();
