using System.Diagnostics;
using System.Globalization;

namespace RealtimeAsr.Benchmarks;

/// <summary>
/// CPU time of this whole process (every thread: client, server, engine, GC) and of the whole machine, so that a
/// measurement can tell how much of the box other programs took meanwhile.
/// </summary>
internal static class ProcessCpu
{
    // /proc/stat counts in USER_HZ ticks, 100 per second on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Seconds of CPU every process has used since boot (steal included), or <see langword="null"/> off Linux.</summary>
    public static double? MachineBusySeconds()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal ...": everything but idle and iowait is work.
        var fields = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / TicksPerSecond;
    }
}
