using System.Runtime.InteropServices;

namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>The machine the numbers come from.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string OperatingSystem, string Runtime, bool ServerGc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        ReadOsName() ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC);

    /// <summary>The 1-minute load average (runnable threads, all processes), or <see langword="null"/> off Linux.</summary>
    public static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path)
            && double.TryParse(File.ReadAllText(path).Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
    }

    private static string? ReadProcField(string path, string field)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Where(line => line.StartsWith(field, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }

    private static string? ReadOsName()
    {
        const string path = "/etc/os-release";
        if (!File.Exists(path))
        {
            return null;
        }

        var pretty = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return pretty?["PRETTY_NAME=".Length..].Trim('"') + $" ({RuntimeInformation.OSArchitecture}, kernel {Environment.OSVersion.Version})";
    }
}
