using System.Diagnostics;

namespace RealtimeAsr.Testing;

/// <summary>How tests start child processes (dotnet, the programs it builds, scripts): output redirected, and an
/// environment cleaned of what the test host inherited from its own MSBuild, since a child build must not reuse the
/// parent's SDK paths or build nodes.</summary>
public static class ChildProcessStart
{
    /// <summary>A start description for <paramref name="program"/> with <paramref name="arguments"/>, its output redirected.</summary>
    public static ProcessStartInfo For(string program, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name is "DOTNET_HOST_PATH" or "VSTEST_HOST_DEBUG")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }
}
