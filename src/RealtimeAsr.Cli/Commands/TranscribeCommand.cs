using System.CommandLine;
using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Cli.Output;
using RealtimeAsr.Client;

namespace RealtimeAsr.Cli.Commands;

/// <summary><c>realtime-asr transcribe &lt;file|-&gt;</c>: streams audio to the service and shows the transcript.</summary>
internal static class TranscribeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var input = new Argument<string>("input")
        {
            Description = "Audio to transcribe: a WAV file (any common rate/channels; converted to 16 kHz mono), an Ogg Opus file, "
                + "headerless 16-bit PCM with --raw, or - to read any of these from standard input. Other formats (FLAC, MP3 …) are refused: convert them with ffmpeg or sox.",
        };
        var raw = new Option<bool>("--raw") { Description = "The input is headerless 16-bit little-endian PCM (at --sample-rate, --channels)." };
        var shared = new SessionOptionSet("Language of the speech, e.g. en or zh. Default: detected.");
        var json = new Option<bool>("--json") { Description = "Print every server event as one JSON object per line." };
        var sampleRate = new Option<int>("--sample-rate")
        {
            Description = "Sample rate of --raw input (WAV and Ogg carry their own).",
            DefaultValueFactory = _ => 16000,
            CustomParser = result => SessionOptionSet.ParseInRange(result, "--sample-rate", 1000, 384000),
        };
        var channels = new Option<int>("--channels")
        {
            Description = "Channels of --raw input (averaged to mono).",
            DefaultValueFactory = _ => 1,
            CustomParser = result => SessionOptionSet.ParseInRange(result, "--channels", 1, 64),
        };

        var command = new Command("transcribe", "Transcribe an audio file or standard input.") { input };
        shared.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(raw);
        command.Options.Add(sampleRate);
        command.Options.Add(channels);
        command.Validators.Add(result =>
        {
            var formatGiven = result.GetResult(sampleRate) is { Implicit: false } || result.GetResult(channels) is { Implicit: false };
            if (formatGiven && !result.GetValue(raw))
            {
                result.AddError("--sample-rate and --channels describe headerless input; add --raw (WAV and Ogg files carry their own format).");
            }

            if (result.GetValue(input) == "-" && result.GetValue(shared.ApiKeyFile) == "-")
            {
                result.AddError("standard input cannot hold both the audio and the key: give --api-key-file a file.");
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (keyResolved, apiKey) = await shared.TryResolveApiKeyAsync(parseResult, environment, cancellationToken);
            if (!keyResolved)
            {
                return CliApplication.ExitUsage;
            }

            var request = new TranscribeRequest
            {
                Input = parseResult.GetValue(input)!,
                Client = shared.ClientOptions(parseResult, apiKey),
                Session = shared.SessionOptions(parseResult),
                RealTime = parseResult.GetValue(shared.RealTime),
                Json = parseResult.GetValue(json),
                Raw = parseResult.GetValue(raw) ? new RawPcmFormat(parseResult.GetValue(sampleRate), parseResult.GetValue(channels)) : null,
            };
            return await RunAsync(request, environment, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Runs one transcription; returns the exit code and reports any failure on one line of standard error: 1 when the
    /// run failed or any utterance could not be recognised (each is named on its own line); 0 otherwise, with a note
    /// when nothing was recognised at all.
    /// </summary>
    internal static async Task<int> RunAsync(TranscribeRequest request, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            await using var audio = await AudioInput.OpenAsync(request.Input, environment.OpenStandardInput, request.Raw, cancellationToken);
            var session = audio.SessionOptions(request.Session);
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

            // The live display draws on the terminal (and shows failures itself); a line on stderr now would tear it.
            var live = output is LiveTerminalOutput;
            var tally = new UtteranceTally();
            var events = tally.Observe(
                client.StreamAsync(audio.Audio, session, streaming, cancellationToken),
                live ? null : failed => FailureMessages.ReportAsync(environment, UtteranceTally.Describe(failed)),
                cancellationToken);
            var error = await output.RenderAsync(events, audio, progress, cancellationToken);
            if (error is not null)
            {
                await FailureMessages.ReportAsync(environment, FailureMessages.Describe(error));
                return CliApplication.ExitFailure;
            }

            if (live)
            {
                foreach (var failed in tally.Failed)
                {
                    await FailureMessages.ReportAsync(environment, UtteranceTally.Describe(failed));
                }
            }

            if (tally.Failed.Count > 0)
            {
                return CliApplication.ExitFailure;
            }

            if (tally.Transcribed == 0)
            {
                await FailureMessages.ReportAsync(environment, $"no speech recognised in {(request.Input == "-" ? "stdin" : request.Input)}");
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailureMessages.ReportAsync(environment, "cancelled");
            return CliApplication.ExitCancelled;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The one place every failure of a run is turned into the promised one-line cause.
            await FailureMessages.ReportAsync(environment, FailureMessages.Describe(exception));
            return CliApplication.ExitFailure;
        }
    }
}
