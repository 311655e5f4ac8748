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
                + "raw 16-bit PCM, or - to read any of these from standard input.",
        };
        var shared = new SessionOptionSet("Language of the speech, e.g. en or zh. Default: detected.");
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

        var command = new Command("transcribe", "Transcribe an audio file or standard input.") { input };
        shared.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(sampleRate);
        command.Options.Add(channels);

        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new TranscribeRequest
            {
                Input = parseResult.GetValue(input)!,
                Client = shared.ClientOptions(parseResult, environment),
                Session = shared.SessionOptions(parseResult),
                RealTime = parseResult.GetValue(shared.RealTime),
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

            var error = await output.RenderAsync(client.StreamAsync(audio.Audio, session, streaming, cancellationToken), audio, progress, cancellationToken);
            if (error is not null)
            {
                await FailureMessages.ReportAsync(environment, FailureMessages.Describe(error));
                return CliApplication.ExitFailure;
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
