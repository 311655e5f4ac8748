using System.Diagnostics;

namespace RealtimeAsr.Benchmarks;

/// <summary>Measures one section: wall time, this process's CPU time, and the CPU other programs used meanwhile.</summary>
internal sealed class CpuMeter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _process = ProcessCpu.Now();
    private readonly double? _machine = ProcessCpu.MachineBusySeconds();

    public double WallSeconds => _clock.Elapsed.TotalSeconds;

    public double ProcessSeconds => (ProcessCpu.Now() - _process).TotalSeconds;

    /// <summary>
    /// Share of the machine (all cores) that other programs used since the meter started: 0 on a quiet box. Wall times
    /// measured while this is high are inflated; treat them with suspicion.
    /// </summary>
    public double OtherShare()
    {
        var wall = WallSeconds;
        var process = ProcessSeconds;
        if (ProcessCpu.MachineBusySeconds() is not { } machine || _machine is not { } started || wall <= 0)
        {
            return 0;
        }

        return Math.Clamp((machine - started - process) / (wall * Environment.ProcessorCount), 0, 1);
    }
}
