using System.Diagnostics;

namespace RealtimeAsr.Benchmarks.Micro;

/// <summary>
/// A small Stopwatch harness: warm up, then time several rounds and keep the fastest. Enough for costs in microseconds
/// that are compared with a decoder costing milliseconds, in seconds rather than BenchmarkDotNet's minutes.
/// </summary>
internal static class MicroTimer
{
    private const int Rounds = 5;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_round = TimeSpan.FromMilliseconds(80);

    /// <summary>Microseconds per call of <paramref name="operation"/>.</summary>
    public static double Measure(Action operation)
    {
        Run(operation, s_warmUp);
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            best = Math.Min(best, Run(operation, s_round));
        }

        return best;
    }

    private static double Run(Action operation, TimeSpan duration)
    {
        var calls = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            // Batches of calls keep the clock's own cost out of the figure.
            for (var i = 0; i < 16; i++)
            {
                operation();
            }

            calls += 16;
        }

        return clock.Elapsed.TotalMicroseconds / calls;
    }
}
