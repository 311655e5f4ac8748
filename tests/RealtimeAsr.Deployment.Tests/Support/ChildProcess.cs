using System.Diagnostics;
using System.Text;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Deployment.Tests.Support;

/// <summary>The outcome of a child process: its exit code and what it wrote to each stream.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string All => Output + Error;

    /// <summary>Fails the test with everything the process wrote when it did not exit with 0.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}:\n{All}");
        return this;
    }
}

/// <summary>Runs scripts and tools as child processes, with an environment cleaned of the test host's MSBuild state.</summary>
public static class ChildProcess
{
    /// <summary>The <c>dotnet</c> host running these tests.</summary>
    public static string DotNetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>A start description for <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo StartInfo(string program, string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = ChildProcessStart.For(program, workingDirectory, arguments);
        start.RedirectStandardInput = true;
        // A null value removes the variable.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>Runs to completion (killed after <paramref name="timeout"/>, a bound against hangs), feeding <paramref name="input"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string program, string workingDirectory, IEnumerable<string> arguments,
        TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null, string? input = null)
    {
        using var process = new Process { StartInfo = StartInfo(program, workingDirectory, arguments, environment) };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}{error}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a script of the repository with bash.</summary>
    public static Task<ProcessResult> RunScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync("bash", Repository.Root, [Repository.PathOf(script), .. arguments], timeout, environment);

    /// <summary>Fails the test with a hint when a tool that scripts/setup.sh --tests installs is missing.</summary>
    public static void RequireTool(string name)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
        Assert.True(found, $"'{name}' is not on the PATH: run scripts/setup.sh --tests (it installs what these tests need).");
    }
}
