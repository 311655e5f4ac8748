using RealtimeAsr.Protocol;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>A server event and when it was received (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
internal sealed record TimedEvent(long Timestamp, ServerEvent Event);
