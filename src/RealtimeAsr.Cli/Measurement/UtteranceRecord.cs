namespace RealtimeAsr.Cli.Measurement;

/// <summary>What was seen of one item (utterance), with the arrival timestamps the latencies are computed from.</summary>
internal sealed class UtteranceRecord(string itemId)
{
    public string ItemId { get; } = itemId;

    /// <summary>Arrival of <c>speech_started</c> (VAD mode).</summary>
    public long? SpeechStartedAt { get; set; }

    /// <summary>The <c>audio_end_ms</c> of <c>speech_stopped</c> (VAD mode).</summary>
    public long? SpeechEndMs { get; set; }

    /// <summary>Arrival of the item's first <c>.text</c> event.</summary>
    public long? FirstTextAt { get; set; }

    /// <summary>Arrival of <c>.completed</c>.</summary>
    public long? CompletedAt { get; set; }

    /// <summary>The final transcript, once completed.</summary>
    public string? Transcript { get; set; }

    /// <summary>Why the item failed (<c>.failed</c>), e.g. <c>audio_unintelligible: …</c>.</summary>
    public string? Failure { get; set; }

    /// <summary>How many <c>.text</c> events arrived.</summary>
    public int TextEvents { get; set; }

    /// <summary>How many <c>.text</c> events changed confirmed text instead of extending it.</summary>
    public int Revisions { get; set; }

    /// <summary>The <c>text</c> of the last <c>.text</c> event.</summary>
    public string LastText { get; set; } = "";
}
