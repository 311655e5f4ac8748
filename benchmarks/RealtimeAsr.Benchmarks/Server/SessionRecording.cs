using RealtimeAsr.Benchmarks.Audio;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>What one session sent and received, with timestamps (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
/// <param name="Script">What was sent.</param>
/// <param name="Pacing">How fast.</param>
/// <param name="SetupMs">From connecting to <c>session.updated</c>.</param>
/// <param name="StepSent">
/// When each step was sent: handed to the socket, or at real-time pace when it was due (when the speaker said it).
/// </param>
/// <param name="MaxSendLagMs">Real-time pace: the most a step went out after it was due (the server not reading).</param>
/// <param name="Events">Every server event, in order.</param>
internal sealed record SessionRecording(
    SessionScript Script, Pacing Pacing, double SetupMs, long[] StepSent, double MaxSendLagMs, IReadOnlyList<TimedEvent> Events);
