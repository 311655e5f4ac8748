namespace RealtimeAsr.Cli.Reports;

/// <summary>What <c>realtime-asr eval --json</c> prints and <c>--output</c> saves; <c>--compare</c> reads it back.</summary>
internal sealed class EvalReport
{
    /// <summary>The URL sessions connected to (with <c>?model=</c>).</summary>
    public string Endpoint { get; init; } = "";

    public string Model { get; init; } = "";

    /// <summary><c>vad</c> or <c>manual</c>.</summary>
    public string Mode { get; init; } = "";

    /// <summary><c>realtime</c> or <c>fast</c> (as fast as possible).</summary>
    public string Pace { get; init; } = "";

    /// <summary>The text normaliser: <c>default</c>, <c>default+numbers</c> or <c>none</c>.</summary>
    public string Normalizer { get; init; } = "";

    public int Parallel { get; init; } = 1;

    public IReadOnlyList<FileReport> Files { get; init; } = [];

    public EvalTotals Totals { get; init; } = new();

    /// <summary>The differences from <c>--compare</c>'s report, when given.</summary>
    public EvalComparison? Comparison { get; set; }
}
