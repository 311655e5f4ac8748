using System.CommandLine;
using System.Diagnostics;
using RealtimeAsr.Cli.Evaluation;
using RealtimeAsr.Cli.Manifests;
using RealtimeAsr.Cli.Measurement;
using RealtimeAsr.Cli.Output;
using RealtimeAsr.Cli.Reports;
using RealtimeAsr.Client;

namespace RealtimeAsr.Cli.Commands;

/// <summary>
/// <c>realtime-asr eval MANIFEST|FOLDER</c>: measures an endpoint on the user's own recordings — WER, CER, latency
/// from the end of speech to the final, time to the first partial, how often confirmed text was revised. See docs/EVAL.md.
/// </summary>
internal static class EvalCommand
{
    /// <summary>The most files evaluated at once.</summary>
    public const int MaxParallel = 64;

    public static Command Create(CliEnvironment environment)
    {
        var input = new Argument<string>("input")
        {
            HelpName = "manifest|folder",
            Description = "A manifest — TSV lines 'audio<TAB>reference[<TAB>language]' or JSON lines {\"audio\", \"reference\", \"language\"}; "
                + "relative audio paths resolve against its folder — or a folder of name.wav + name.txt.",
        };
        var shared = new SessionOptionSet("Language of every file, e.g. en or zh, overriding the manifest's. Default: the manifest's, else detected.");
        var parallel = new Option<int>("--parallel")
        {
            Description = $"Files evaluated at once, each in its own session (1 to {MaxParallel}).",
            HelpName = "n",
            DefaultValueFactory = _ => 1,
        };
        var normalizeNumbers = new Option<bool>("--normalize-numbers") { Description = "Also spell the numbers 0 to 100 as English words before scoring (42 → forty two)." };
        var noNormalize = new Option<bool>("--no-normalize") { Description = "Score the text as written: no lower-casing, no punctuation removal." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object instead of the table." };
        var output = new Option<string?>("--output", "-o") { HelpName = "file", Description = "Also write the JSON report to this file (for a later --compare)." };
        var compare = new Option<string?>("--compare") { HelpName = "report.json", Description = "A JSON report saved earlier: print how WER, CER and latency changed, per file and overall." };

        var command = new Command("eval", "Measure an endpoint on your own recordings: WER, CER, latency and partial-result stability.") { input };
        shared.AddTo(command);
        foreach (var option in new Option[] { parallel, normalizeNumbers, noNormalize, json, output, compare })
        {
            command.Options.Add(option);
        }

        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxParallel)
            {
                result.AddError($"--parallel must be between 1 and {MaxParallel}.");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(noNormalize) && result.GetValue(normalizeNumbers))
            {
                result.AddError("--no-normalize scores the text as written; --normalize-numbers does not apply.");
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (keyResolved, apiKey) = await shared.TryResolveApiKeyAsync(parseResult, environment, cancellationToken);
            if (!keyResolved)
            {
                return CliApplication.ExitUsage;
            }

            var request = new EvalRequest
            {
                Input = parseResult.GetValue(input)!,
                ClientOptions = () => shared.ClientOptions(parseResult, apiKey),
                Session = shared.SessionOptions(parseResult),
                RealTime = parseResult.GetValue(shared.RealTime),
                Parallel = parseResult.GetValue(parallel),
                Normalizer = parseResult.GetValue(noNormalize) ? VerbatimTextNormalizer.Instance : new DefaultTextNormalizer(parseResult.GetValue(normalizeNumbers)),
                Json = parseResult.GetValue(json),
                OutputPath = parseResult.GetValue(output),
                ComparePath = parseResult.GetValue(compare),
            };
            return await RunAsync(request, environment, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the evaluation; returns the exit code (0 done, 1 endpoint failure or unevaluated files, 2 bad input).</summary>
    internal static async Task<int> RunAsync(EvalRequest request, CliEnvironment environment, CancellationToken cancellationToken)
    {
        IReadOnlyList<ManifestEntry> entries;
        EvalReport? baseline;
        try
        {
            // Everything that can be checked before connecting is, so a long run does not end in a usage error.
            entries = ManifestReader.Read(request.Input);
            baseline = request.ComparePath is { } comparePath ? EvalReportFile.Read(comparePath) : null;
            if (request.OutputPath is { } outputPath && Path.GetDirectoryName(Path.GetFullPath(outputPath)) is { } folder && !Directory.Exists(folder))
            {
                throw new InvalidDataException($"--output {outputPath}: no such folder");
            }
        }
        catch (Exception exception) when (exception is ManifestException or InvalidDataException)
        {
            await FailureMessages.ReportAsync(environment, exception.Message);
            return CliApplication.ExitUsage;
        }

        try
        {
            var endpoint = new RealtimeAsrClient(request.ClientOptions());
            var progress = new EvalProgress(entries.Count);
            var clock = Stopwatch.StartNew();
            var run = new EvalRunner(request, progress).RunAsync(entries, cancellationToken);
            var files = environment.ErrorTerminal is { } terminal ? await EvalProgressDisplay.ShowAsync(terminal, progress, run) : await run;
            var report = new EvalReport
            {
                Endpoint = endpoint.SessionUri.ToString(),
                Model = endpoint.Model,
                Mode = request.Session.IsManualMode ? "manual" : "vad",
                Pace = request.RealTime ? "realtime" : "fast",
                Normalizer = request.Normalizer.Name,
                Parallel = request.Parallel,
                Files = files,
                Totals = EvalTotals.Of(files, clock.Elapsed.TotalSeconds),
            };
            if (baseline is not null)
            {
                report.Comparison = EvalComparison.Of(report, baseline, request.ComparePath!);
            }

            await WriteAsync(report, request, environment, cancellationToken);
            if (report.Files.FirstOrDefault(file => file.Error is not null) is { } failed)
            {
                await FailureMessages.ReportAsync(environment,
                    $"{report.Totals.FilesWithErrors} of {report.Totals.Files} files could not be evaluated; the first, {failed.Name}: {failed.Error}");
                return CliApplication.ExitFailure;
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailureMessages.ReportAsync(environment, "cancelled");
            return CliApplication.ExitCancelled;
        }
        catch (EndpointFailureException exception)
        {
            await FailureMessages.ReportAsync(environment, exception.Message);
            return CliApplication.ExitFailure;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await FailureMessages.ReportAsync(environment, FailureMessages.Describe(exception));
            return CliApplication.ExitFailure;
        }
    }

    private static async Task WriteAsync(EvalReport report, EvalRequest request, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (request.OutputPath is { } path)
        {
            await EvalReportFile.WriteAsync(path, report, cancellationToken);
        }

        if (request.Json)
        {
            await environment.Out.WriteLineAsync(EvalReportFile.ToJson(report));
            return;
        }

        await EvalTableWriter.WriteAsync(environment.Out, report);
        if (report.Comparison is { } comparison)
        {
            await ComparisonTableWriter.WriteAsync(environment.Out, comparison);
        }
    }
}
