namespace RealtimeAsr.Benchmarks.Server;

/// <summary>How fast a benchmark session sends its audio.</summary>
internal enum Pacing
{
    /// <summary>As a microphone would: each 100 ms chunk once its 100 ms have passed.</summary>
    RealTime,

    /// <summary>
    /// Each utterance (clip and the silence after it) as fast as the socket takes it, then wait for its result before
    /// the next: a client uploading recorded utterances. Latency is then the time to decode the utterance.
    /// </summary>
    Burst,

    /// <summary>The whole session as fast as the socket takes it, without waiting: maximum throughput.</summary>
    FullSpeed,
}
