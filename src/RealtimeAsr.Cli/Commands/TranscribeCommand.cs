using System.CommandLine;
using System.CommandLine.Parsing;
using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Cli.Output;
using RealtimeAsr.Client;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Commands;

/// <summary><c>realtime-asr transcribe &lt;file|-&gt;</c>: streams audio to the service and shows the transcript.</summary>
internal static class TranscribeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var input = new Argument<string>("input")
        {
            Description = "Audio to transcribe: a WAV file (any common rate/channels; converted to 16 kHz mono), an Ogg Opus file, "
                + "raw 16-bit PCM, or - to read any of these from standard input.",
        };
        var url = new Option<Uri>("--url")
        {
            Description = "WebSocket endpoint, e.g. ws://127.0.0.1:8765/api-ws/v1/realtime for a local server.",
            DefaultValueFactory = _ => RealtimeAsrClientOptions.DashScopeEndpoint,
            CustomParser = ParseUrl,
        };
        var model = new Option<string>("--model")
        {
            Description = "Model name, sent as ?model=.",
            DefaultValueFactory = _ => RealtimeAsrClientOptions.DefaultModel,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key (Authorization: Bearer). Default: the DASHSCOPE_API_KEY environment variable.",
        };
        var workspace = new Option<string?>("--workspace") { Description = "DashScope workspace id (X-DashScope-WorkSpace header)." };
        var language = new Option<string?>("--language", "-l") { Description = "Language of the speech, e.g. en or zh. Default: detected." };
        var corpus = new Option<string?>("--corpus") { Description = "Context text that biases recognition: names, terms, the topic." };
        var manual = new Option<bool>("--manual") { Description = "Manual mode: no server VAD; the whole input is one utterance, committed at the end." };
        var preset = new Option<VadPreset>("--vad-preset")
        {
            Description = "Server VAD preset: balanced (threshold 0.2, 800 ms silence) or low-latency (0.0, 400 ms).",
            DefaultValueFactory = _ => VadPreset.Balanced,
            CustomParser = ParsePreset,
        };
        preset.CompletionSources.Add("balanced", "low-latency");
        var threshold = new Option<double?>("--vad-threshold") { Description = "VAD threshold in [-1, 1], overriding the preset." };
        var silence = new Option<int?>("--silence-ms") { Description = "Silence in ms [200, 6000] that ends an utterance, overriding the preset." };
        var realtime = new Option<bool>("--realtime") { Description = "Send audio at real-time speed, as a microphone would. Default: as fast as possible." };
        var json = new Option<bool>("--json") { Description = "Print every server event as one JSON object per line." };
        var sampleRate = new Option<int>("--sample-rate")
        {
            Description = "Sample rate of raw PCM input (WAV and Ogg carry their own).",
            DefaultValueFactory = _ => 16000,
        };
        var channels = new Option<int>("--channels")
        {
            Description = "Channels of raw PCM input (averaged to mono).",
            DefaultValueFactory = _ => 1,
        };

        var command = new Command("transcribe", "Transcribe an audio file or standard input.")
        {
            input, url, model, apiKey, workspace, language, corpus, manual, preset, threshold, silence, realtime, json, sampleRate, channels,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(manual) && (result.GetResult(preset) is { Implicit: false } || result.GetResult(threshold) is not null || result.GetResult(silence) is not null))
            {
                result.AddError("--manual turns server VAD off; --vad-preset, --vad-threshold and --silence-ms do not apply.");
            }
        });

        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new TranscribeRequest
            {
                Input = parseResult.GetValue(input)!,
                Client = new RealtimeAsrClientOptions
                {
                    Endpoint = parseResult.GetValue(url)!,
                    Model = parseResult.GetValue(model)!,
                    ApiKey = parseResult.GetValue(apiKey) ?? environment.GetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable),
                    Workspace = parseResult.GetValue(workspace),
                },
                Session = new TranscriptionSessionOptions
                {
                    Language = parseResult.GetValue(language),
                    CorpusText = parseResult.GetValue(corpus),
                    TurnDetection = parseResult.GetValue(manual)
                        ? null
                        : Vad(parseResult.GetValue(preset), parseResult.GetValue(threshold), parseResult.GetValue(silence)),
                },
                RealTime = parseResult.GetValue(realtime),
                Json = parseResult.GetValue(json),
                RawSampleRate = parseResult.GetValue(sampleRate),
                RawChannels = parseResult.GetValue(channels),
            };
            return RunAsync(request, environment, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs one transcription; returns the exit code and reports any failure on one line of standard error.</summary>
    internal static async Task<int> RunAsync(TranscribeRequest request, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            await using var audio = await AudioInput.OpenAsync(request.Input, environment.OpenStandardInput, request.RawSampleRate, request.RawChannels, cancellationToken);
            var session = request.Session.Clone();
            session.AudioFormat = audio.Format;
            session.SampleRate = audio.SampleRate;
            var client = new RealtimeAsrClient(request.Client);
            var progress = new SendProgress();
            var streaming = new AudioStreamingOptions { PaceInRealTime = request.RealTime, Progress = progress };
            ITranscriptOutput output = request.Json ? new JsonLinesOutput(environment.Out)
                : environment.Terminal is { } terminal ? new LiveTerminalOutput(terminal)
                : new PlainTranscriptOutput(environment.Out);
            if (!request.Json && environment.Terminal is { } console)
            {
                Spectre.Console.AnsiConsoleExtensions.MarkupLine(console, $"[dim]{Spectre.Console.Markup.Escape($"{(request.Input == "-" ? "stdin" : request.Input)}: {audio.Description} → {client.SessionUri}")}[/]");
            }

            var error = await output.RenderAsync(client.StreamAsync(audio.Audio, session, streaming, cancellationToken), audio, progress, cancellationToken);
            if (error is not null)
            {
                await ReportAsync(environment, FailureMessages.Describe(error));
                return CliApplication.ExitFailure;
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReportAsync(environment, "cancelled");
            return CliApplication.ExitCancelled;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The one place every failure of a run is turned into the promised one-line cause.
            await ReportAsync(environment, FailureMessages.Describe(exception));
            return CliApplication.ExitFailure;
        }
    }

    private static TurnDetectionSettings Vad(VadPreset preset, double? threshold, int? silenceMs)
    {
        var settings = preset == VadPreset.LowLatency ? TurnDetectionSettings.LowLatency : TurnDetectionSettings.Balanced;
        return settings with
        {
            Threshold = threshold ?? settings.Threshold,
            SilenceDurationMs = silenceMs ?? settings.SilenceDurationMs,
        };
    }

    private static Task ReportAsync(CliEnvironment environment, string message) =>
        environment.Error.WriteLineAsync("realtime-asr: " + FailureMessages.OneLine(message));

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" or "http" or "https")
        {
            return uri;
        }

        result.AddError($"--url must be a ws:// or wss:// URL, not '{text}'.");
        return null;
    }

    private static VadPreset ParsePreset(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        switch (text.ToLowerInvariant())
        {
            case "balanced":
                return VadPreset.Balanced;
            case "low-latency" or "lowlatency" or "low_latency":
                return VadPreset.LowLatency;
            default:
                result.AddError($"--vad-preset must be balanced or low-latency, not '{text}'.");
                return VadPreset.Balanced;
        }
    }
}
