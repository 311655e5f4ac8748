namespace RealtimeAsr.Cli.Reports;

/// <summary>One item (utterance) of a file, in the JSON report.</summary>
internal sealed class UtteranceReport
{
    public required string ItemId { get; init; }

    /// <summary>The <c>.completed</c> transcript; null when the item did not complete.</summary>
    public string? Transcript { get; init; }

    /// <summary>The <c>.failed</c> cause, when the item failed.</summary>
    public string? Failure { get; init; }

    /// <summary>From the send of the chunk holding the end of speech (Manual: the commit) to <c>.completed</c>.</summary>
    public double? EndOfSpeechToFinalMs { get; init; }

    /// <summary>From <c>speech_started</c> to the first <c>.text</c> (VAD mode only).</summary>
    public double? FirstPartialMs { get; init; }

    public int TextEvents { get; init; }

    public int Revisions { get; init; }
}
