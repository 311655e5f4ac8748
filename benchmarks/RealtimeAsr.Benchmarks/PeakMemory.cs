using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RealtimeAsr.Benchmarks;

/// <summary>
/// This process's peak resident memory (Linux's <c>VmHWM</c>, what <see cref="Process.PeakWorkingSet64"/> reads), which
/// can be reset so that a section's own peak is seen: whisper.cpp allocates its state for each decode and frees it
/// after, so only the peak shows what a decode needs.
/// </summary>
internal static partial class PeakMemory
{
    private static long s_peakBeforeReset;

    /// <summary>The process's peak resident bytes since it started, resets or not.</summary>
    public static long ProcessPeakBytes() => Math.Max(Volatile.Read(ref s_peakBeforeReset), PeakBytes());

    /// <summary>Peak resident bytes since the process started or since the last successful <see cref="Reset"/>.</summary>
    public static long PeakBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>Resident bytes now.</summary>
    public static long CurrentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>
    /// Sets the peak back to the current resident size (writing 5 to <c>/proc/self/clear_refs</c>); returns whether it
    /// could, so that a caller does not report a peak from before as its own.
    /// </summary>
    public static bool Reset()
    {
        var peak = PeakBytes();
        if (peak > Volatile.Read(ref s_peakBeforeReset))
        {
            Volatile.Write(ref s_peakBeforeReset, peak);
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Hands the C heap's free memory back to the system (glibc's <c>malloc_trim</c>), so that memory a native decode
    /// freed but the allocator kept resident does not hide what the next decode allocates; false off glibc.
    /// </summary>
    public static bool TrimNativeHeap()
    {
        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Bytes as MiB for the report.</summary>
    public static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0", CultureInfo.InvariantCulture);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int MallocTrim(nuint pad);
}
