using System.CommandLine;
using RealtimeAsr.Cli.Commands;

namespace RealtimeAsr.Cli;

/// <summary>The <c>realtime-asr</c> command line: <c>transcribe</c>, <c>eval</c>, <c>models</c> and <c>serve</c>.</summary>
internal static class CliApplication
{
    /// <summary>Exit code for a failure at run time: unreachable server, refused key, error event, bad audio.</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code for a command line that does not parse, or an input (manifest) that cannot be read.</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code when cancelled (Ctrl+C), as shells report SIGINT.</summary>
    public const int ExitCancelled = 130;

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Transcribe speech with Qwen-ASR Realtime (Alibaba Cloud or a self-hosted RealtimeAsr server), measure an endpoint's accuracy and latency, download Whisper models, or run that server.")
        {
            TranscribeCommand.Create(environment),
            EvalCommand.Create(environment),
            ModelsCommand.Create(environment),
            ServeCommand.Create(),
        };

        // No command: show what there is, as git, docker and dotnet do, rather than an error.
        if (args.Length == 0)
        {
            args = ["--help"];
        }

        // Response files (@file) would swallow arguments meant for the server; nothing here needs them.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            var messages = string.Join(" ", parseResult.Errors.Select(e => e.Message).Distinct());
            await environment.Error.WriteLineAsync($"realtime-asr: {FailureMessages.OneLine(messages)} (see 'realtime-asr --help')");
            return ExitUsage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            // Ctrl+C is handled by the caller's token; the default handler would also end the process.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
