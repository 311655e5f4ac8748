using RealtimeAsr.Models;
using Spectre.Console;

namespace RealtimeAsr.Cli;

/// <summary>What the CLI reads and writes: the process console, or captured streams in tests.</summary>
internal sealed class CliEnvironment
{
    /// <summary>Standard output: transcripts or JSON lines.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: the one-line cause of a failure.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Opens standard input (for the input <c>-</c>).</summary>
    public required Func<Stream> OpenStandardInput { get; init; }

    /// <summary>
    /// The console for the live display, or <see langword="null"/> when standard output is not a terminal; then the
    /// output is plain text without control codes.
    /// </summary>
    public IAnsiConsole? Terminal { get; init; }

    /// <summary>
    /// The console for progress shown on standard error (<c>eval</c>), or <see langword="null"/> when standard error is
    /// not a terminal; then nothing but the one-line causes of failures is written there.
    /// </summary>
    public IAnsiConsole? ErrorTerminal { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The models <c>realtime-asr models</c> knows: the published whisper.cpp ones, or a test catalogue.</summary>
    public ModelCatalogue ModelCatalogue { get; init; } = ModelCatalogue.Whisper;

    /// <summary>The process console; live displays only on the streams that are terminals.</summary>
    public static CliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardInput = Console.OpenStandardInput,
        Terminal = Console.IsOutputRedirected ? null : AnsiConsole.Console,
        ErrorTerminal = Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
    };
}
