using System.CommandLine;
using System.Diagnostics;

namespace RealtimeAsr.Cli.Commands;

/// <summary>
/// <c>realtime-asr serve [server options]</c>: runs the server tool, <c>realtime-asr-server</c>, when it is on the PATH.
/// The server is a separate package (Linux x64 only: Debian's PocketSphinx, ONNX Runtime, the VAD model), so this tool
/// stays portable; without it, one line says how to get it. See docs/PACKAGING.md.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The server tool's command (package <c>RealtimeAsr.Server</c>).</summary>
    public const string ServerCommand = "realtime-asr-server";

    /// <summary>What to do when the server tool is not on the PATH.</summary>
    public const string NotInstalledMessage =
        "realtime-asr serve runs the server tool, which is not installed: on Linux x64, "
        + "'dotnet tool install -g RealtimeAsr.Server' then 'realtime-asr serve' (or 'realtime-asr-server'); "
        + "from a source checkout, ./scripts/serve.sh.";

    public static Command Create()
    {
        var command = new Command(
            "serve",
            $"Run the RealtimeAsr server (the {ServerCommand} tool, Linux x64). Every argument goes to the server, ASP.NET Core style: "
            + "--urls http://127.0.0.1:8765, --RealtimeAsr:ApiKeys:0=<key>, …")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync([.. parseResult.UnmatchedTokens], parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter error, CancellationToken cancellationToken)
    {
        var server = FindOnPath(ServerCommand);
        if (server is null)
        {
            await error.WriteLineAsync(NotInstalledMessage.AsMemory(), cancellationToken);
            return CliApplication.ExitFailure;
        }

        var start = new ProcessStartInfo(server) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The server shares the console: its log goes straight to the terminal, and Ctrl+C reaches it as well.
        using var process = Process.Start(start)!;
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the server got the signal too and is draining its sessions; wait for it to finish.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return process.ExitCode;
    }

    /// <summary>The full path of <paramref name="command"/> in a PATH folder, or <see langword="null"/>.</summary>
    internal static string? FindOnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command + ".cmd" } : [command];
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var folder in folders)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
