using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using RealtimeAsr.Cli.Output;
using RealtimeAsr.Models;

namespace RealtimeAsr.Cli.Commands;

/// <summary>
/// <c>realtime-asr models list | download NAME | verify [NAME]</c>: the published whisper.cpp models, the local model
/// cache the server resolves <c>Model</c> names through, resumable verified downloads. See <see cref="ModelCache"/>.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("models", "List, download and verify the Whisper models (whisper.cpp ggml files) the server can load by name.")
        {
            CreateList(environment),
            CreateDownload(environment),
            CreateVerify(environment),
        };
        return command;
    }

    private static Option<string?> CacheOption() => new("--cache")
    {
        HelpName = "dir",
        Description = $"The model cache folder. Default: ${ModelCache.FolderVariable}, else $XDG_CACHE_HOME/realtime-asr/models "
            + "(~/.cache/realtime-asr/models; macOS ~/Library/Caches/realtime-asr/models; Windows %LOCALAPPDATA%\\realtime-asr\\models).",
    };

    private static ModelCache OpenCache(CliEnvironment environment, string? folder) =>
        ModelCache.Open(folder, environment.ModelCatalogue, environment.GetEnvironmentVariable);

    private static Command CreateList(CliEnvironment environment)
    {
        var cache = CacheOption();
        var command = new Command("list", "Show the catalogue: each model's size, whether its checksum is published, and which are in the cache.") { cache };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var models = OpenCache(environment, parseResult.GetValue(cache));
            var table = new TextTable("NAME", "SIZE", "SHA-1", "CACHED");
            foreach (var model in models.Catalogue.Models)
            {
                table.Add(model.Name, model.DisplaySize, model.Sha1 is null ? "unknown" : "published", models.IsCached(model) ? "yes" : "-");
            }

            await table.WriteAsync(environment.Out);
            await environment.Out.WriteLineAsync($"cache: {models.Folder}");
            return 0;
        });
        return command;
    }

    private static Command CreateDownload(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "A model name from 'realtime-asr models list', e.g. tiny, base.en, large-v3-turbo." };
        var source = new Option<string?>("--source")
        {
            HelpName = "url",
            Description = "A mirror: the base URL the model's file (ggml-NAME.bin) is under, replacing https://huggingface.co/ggerganov/whisper.cpp/resolve/main/.",
        };
        var cache = CacheOption();
        var command = new Command("download", "Download a model into the cache, resuming an interrupted download and checking its SHA-1. A model already there is not downloaded again.")
        {
            name, source, cache,
        };
        source.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && MirrorUri(text) is null)
            {
                result.AddError("--source must be an http:// or https:// URL.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => DownloadAsync(
            environment, parseResult.GetValue(name)!, MirrorUri(parseResult.GetValue(source)), parseResult.GetValue(cache), cancellationToken));
        return command;
    }

    /// <summary>An http(s) URL, else <see langword="null"/>.</summary>
    private static Uri? MirrorUri(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static Command CreateVerify(CliEnvironment environment)
    {
        var name = new Argument<string?>("name") { Description = "One model; default every model in the cache.", Arity = ArgumentArity.ZeroOrOne };
        var cache = CacheOption();
        var command = new Command("verify", "Check cached models against their published SHA-1 (reads each file whole).") { name, cache };
        command.SetAction((parseResult, cancellationToken) =>
            VerifyAsync(environment, parseResult.GetValue(name), parseResult.GetValue(cache), cancellationToken));
        return command;
    }

    private static async Task<int> DownloadAsync(CliEnvironment environment, string name, Uri? source, string? folder, CancellationToken cancellationToken)
    {
        var cache = OpenCache(environment, folder);
        if (!cache.Catalogue.TryGet(name, out var model))
        {
            await FailureMessages.ReportAsync(environment, new UnknownModelException(name).Message);
            return CliApplication.ExitUsage;
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("realtime-asr", Version));
        var downloader = new ModelDownloader(http);
        var uri = cache.Catalogue.DownloadUri(model, source);
        try
        {
            ModelDownloadResult result;
            if (environment.ErrorTerminal is { } terminal)
            {
                result = await ModelDownloadDisplay.ShowAsync(terminal, model, progress =>
                    downloader.DownloadAsync(cache, model, source, progress, cancellationToken));
            }
            else
            {
                await environment.Out.WriteLineAsync($"{model.Name}: downloading {model.DisplaySize} from {uri}");
                var lines = new PlainDownloadProgress(environment.Out, model.Name);
                result = await downloader.DownloadAsync(cache, model, source, lines, cancellationToken);
            }

            var checksum = result.State == ModelFileState.Good ? "SHA-1 verified" : $"no published checksum; SHA-1 {result.Sha1}";
            await environment.Out.WriteLineAsync(result.Downloaded
                ? $"{model.Name}: {result.Path} ({checksum})"
                : $"{model.Name}: already in the cache, {result.Path} ({checksum})");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailureMessages.ReportAsync(environment, $"cancelled; 'realtime-asr models download {model.Name}' resumes where it stopped");
            return CliApplication.ExitCancelled;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or UnauthorizedAccessException)
        {
            await FailureMessages.ReportAsync(environment, FailureMessages.Describe(exception));
            return CliApplication.ExitFailure;
        }
    }

    private static async Task<int> VerifyAsync(CliEnvironment environment, string? name, string? folder, CancellationToken cancellationToken)
    {
        var cache = OpenCache(environment, folder);
        IReadOnlyList<ModelInfo> models;
        if (name is not null)
        {
            if (!cache.Catalogue.TryGet(name, out var model))
            {
                await FailureMessages.ReportAsync(environment, new UnknownModelException(name).Message);
                return CliApplication.ExitUsage;
            }

            models = [model];
        }
        else
        {
            models = cache.CachedModels();
            if (models.Count == 0)
            {
                await environment.Out.WriteLineAsync($"no models in the cache ({cache.Folder})");
                return 0;
            }
        }

        var failed = 0;
        try
        {
            foreach (var model in models)
            {
                var check = await cache.VerifyAsync(model, cancellationToken);
                var line = check.State switch
                {
                    ModelFileState.Good => $"{model.Name}: ok ({check.Path})",
                    ModelFileState.Unverified => $"{model.Name}: unverified, no published checksum (SHA-1 {check.Sha1}, {check.Path})",
                    ModelFileState.Corrupt => $"{model.Name}: DAMAGED, {check.Problem} ({check.Path}); download it again: realtime-asr models download {model.Name}",
                    _ => $"{model.Name}: not in the cache ({check.Path}); realtime-asr models download {model.Name}",
                };
                await environment.Out.WriteLineAsync(line);
                failed += check.State is ModelFileState.Corrupt or ModelFileState.Missing ? 1 : 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailureMessages.ReportAsync(environment, "cancelled");
            return CliApplication.ExitCancelled;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await FailureMessages.ReportAsync(environment, FailureMessages.Describe(exception));
            return CliApplication.ExitFailure;
        }

        if (failed > 0)
        {
            await FailureMessages.ReportAsync(environment, string.Create(CultureInfo.InvariantCulture,
                $"{failed} of {models.Count} model{(models.Count == 1 ? "" : "s")} damaged or missing"));
            return CliApplication.ExitFailure;
        }

        return 0;
    }

    private static string Version =>
        typeof(ModelsCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Standard error is not a terminal: a line on standard output at every tenth of the file.</summary>
    private sealed class PlainDownloadProgress(TextWriter output, string name) : IProgress<ModelDownloadProgress>
    {
        private int _lastTenth = -1;

        public void Report(ModelDownloadProgress value)
        {
            if (value.TotalBytes is not { } total || total <= 0)
            {
                return;
            }

            var tenth = (int)(value.BytesReceived * 10 / total);
            if (tenth <= _lastTenth)
            {
                return;
            }

            _lastTenth = tenth;
            output.WriteLine($"{name}: {tenth * 10}% ({ByteSize.Format(value.BytesReceived)} of {ByteSize.Format(total)})");
        }
    }
}
