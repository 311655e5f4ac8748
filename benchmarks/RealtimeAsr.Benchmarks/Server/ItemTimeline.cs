namespace RealtimeAsr.Benchmarks.Server;

/// <summary>The events of one server item, as timestamps (<see cref="System.Diagnostics.Stopwatch"/> ticks) and values.</summary>
internal sealed class ItemTimeline(string itemId)
{
    public string ItemId { get; } = itemId;

    /// <summary><c>speech_started.audio_start_ms</c> (VAD mode).</summary>
    public long? AudioStartMs { get; set; }

    /// <summary><c>speech_stopped.audio_end_ms</c> (VAD mode).</summary>
    public long? AudioEndMs { get; set; }

    public long? StoppedAt { get; set; }

    public long? CommittedAt { get; set; }

    /// <summary>When <c>completed</c> or <c>failed</c> arrived.</summary>
    public long? ResultAt { get; set; }

    public string Transcript { get; set; } = "";

    /// <summary>When each <c>.text</c> partial arrived.</summary>
    public List<long> PartialsAt { get; } = [];
}
