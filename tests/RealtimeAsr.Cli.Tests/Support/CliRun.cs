using System.Text;
using RealtimeAsr.Models;
using Spectre.Console;

namespace RealtimeAsr.Cli.Tests.Support;

/// <summary>Runs the CLI in-process with captured standard output and error.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output split into lines (no trailing empty line).</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Standard error split into lines.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Runs <c>realtime-asr args…</c> as if standard output were piped (plain mode).</summary>
    public static Task<CliRun> PipedAsync(params string[] args) => RunAsync(args, stdin: null, terminal: false);

    /// <summary>Runs <c>realtime-asr args…</c> piped, with <paramref name="models"/> as the model catalogue.</summary>
    public static Task<CliRun> PipedAsync(ModelCatalogue models, params string[] args) => RunAsync(args, stdin: null, terminal: false, models: models);

    /// <summary>
    /// Runs the CLI with the given standard input and, when <paramref name="terminal"/>, a capturing ANSI terminal;
    /// with <paramref name="errorTerminal"/>, standard error is a terminal too (what it draws lands in <see cref="Error"/>).
    /// </summary>
    public static async Task<CliRun> RunAsync(
        string[] args, byte[]? stdin, bool terminal, Func<string, string?>? environment = null, bool errorTerminal = false, ModelCatalogue? models = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var terminalOutput = new StringWriter();
        var console = terminal
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.TrueColor,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(terminalOutput),
            })
            : null;
        var errorConsole = errorTerminal
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.TrueColor,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(error),
            })
            : null;
        var cli = new CliEnvironment
        {
            Out = output,
            Error = error,
            OpenStandardInput = () => new MemoryStream(stdin ?? []),
            Terminal = console,
            ErrorTerminal = errorConsole,
            GetEnvironmentVariable = environment ?? (_ => null),
            ModelCatalogue = models ?? ModelCatalogue.Whisper,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exitCode = await CliApplication.RunAsync(args, cli, timeout.Token);
        var stdout = terminal ? terminalOutput.ToString() + output : output.ToString();
        return new CliRun(exitCode, stdout, error.ToString());
    }

    public override string ToString() => new StringBuilder()
        .AppendLine($"exit {ExitCode}")
        .AppendLine("--- stdout").AppendLine(Out)
        .AppendLine("--- stderr").AppendLine(Error)
        .ToString();
}
