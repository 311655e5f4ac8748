using RealtimeAsr.Benchmarks.Engine;
using RealtimeAsr.Benchmarks.Micro;
using RealtimeAsr.Benchmarks.Server;
using RealtimeAsr.Benchmarks.Soak;

namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>Everything one run measured.</summary>
/// <param name="Started">When the run began.</param>
/// <param name="TotalSeconds">How long the whole run took.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="LoadBefore">1-minute load average before the run: other work on the machine skews wall times.</param>
/// <param name="LoadAfter">1-minute load average at the end (this run itself adds up to the sessions' CPU use).</param>
/// <param name="Settings">The command line.</param>
/// <param name="Server">The server settings in effect.</param>
/// <param name="Engine">Engine alone on the clips (the median run).</param>
/// <param name="Streams">One server session at a time: VAD, then Manual.</param>
/// <param name="Concurrency">Concurrent sessions: real-time pace, then full speed.</param>
/// <param name="Micro">The server's own costs per second of audio.</param>
/// <param name="ServerWarnings">Warnings and errors the server logged (0 expected).</param>
/// <param name="ServerMessages">The first few of them.</param>
/// <param name="Whisper">The Whisper engine alone (with <c>--whisper-model</c>), else <see langword="null"/>.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory over the whole run.</param>
/// <param name="Soak">Churned sessions over minutes (with <c>--soak-minutes</c>), else <see langword="null"/>.</param>
internal sealed record BenchmarkReport(
    DateTimeOffset Started, double TotalSeconds, MachineInfo Machine, double? LoadBefore, double? LoadAfter, BenchmarkSettings Settings, ServerSetup Server,
    EngineRunResult Engine, IReadOnlyList<ServerRunResult> Streams, IReadOnlyList<ConcurrencyResult> Concurrency,
    IReadOnlyList<MicroCostResult> Micro, int ServerWarnings, IReadOnlyList<string> ServerMessages, WhisperEngineResult? Whisper,
    long PeakWorkingSetBytes, SoakResult? Soak);
