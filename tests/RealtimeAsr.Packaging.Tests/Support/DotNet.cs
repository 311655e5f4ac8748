using System.Diagnostics;
using System.Text;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Packaging.Tests.Support;

/// <summary>The outcome of a child process: its exit code and everything it wrote.</summary>
public sealed record ProcessRun(int ExitCode, string Output)
{
    /// <summary>Throws with the output when the process failed, so a failing build explains itself.</summary>
    public ProcessRun EnsureSuccess(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs <c>dotnet</c> and the programs it builds as child processes, with an environment cleaned of what the test host
/// inherited from its own MSBuild (a child build must not reuse the parent's SDK paths or nodes).
/// </summary>
public static class DotNet
{
    /// <summary>The <c>dotnet</c> host running these tests.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>The repository root (the folder of RealtimeAsr.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static Task<ProcessRun> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgramAsync(Host, workingDirectory, timeout, null, arguments);

    /// <summary>Runs <paramref name="program"/>; <paramref name="path"/> replaces PATH when given.</summary>
    public static async Task<ProcessRun> RunProgramAsync(
        string program, string workingDirectory, TimeSpan timeout, string? path, params string[] arguments)
    {
        var start = ChildProcessStart.For(program, workingDirectory, arguments);
        start.Environment["DOTNET_ROOT"] = DotNetRoot();
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new ProcessRun(-1, $"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{Text(output)}");
        }

        return new ProcessRun(process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string DotNetRoot() =>
        Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root
            ? root
            : Path.GetDirectoryName(Path.GetFullPath(RuntimeEnvironmentHost()))!;

    private static string RuntimeEnvironmentHost()
    {
        // The shared runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Path.Combine(runtime, "..", "..", "..", "dotnet");
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RealtimeAsr.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("RealtimeAsr.slnx not found above " + AppContext.BaseDirectory);
    }
}
