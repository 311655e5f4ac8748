namespace RealtimeAsr.Sessions;

/// <summary>What the voice activity detector found in one append, in audio order.</summary>
internal abstract record SpeechSegment
{
    /// <summary>Speech began at <paramref name="StartSample"/>; <paramref name="Audio"/> is the pre-roll and first speech.</summary>
    public sealed record Started(long StartSample, short[] Audio) : SpeechSegment;

    /// <summary>More audio of the utterance in progress.</summary>
    public sealed record Continued(short[] Samples) : SpeechSegment;

    /// <summary>Speech ended at <paramref name="EndSample"/>.</summary>
    public sealed record Stopped(long EndSample) : SpeechSegment;
}
