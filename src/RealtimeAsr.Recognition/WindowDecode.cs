namespace RealtimeAsr.Recognition;

/// <summary>What a <see cref="WindowDecode"/> is for.</summary>
public enum WindowDecodeKind
{
    /// <summary>A re-decode of the window so far, for a partial result. Discarded if the utterance ends meanwhile.</summary>
    Partial,

    /// <summary>
    /// The last decode of a window that is cut at <see cref="WindowDecode.End"/>: its text is confirmed whole, and the
    /// audio from <see cref="WindowDecode.End"/> on is the next window of the same utterance.
    /// </summary>
    Cut,

    /// <summary>The decode of the utterance's last window after its end; its text ends the transcript.</summary>
    Final,
}

/// <summary>
/// A decode the policy asks the engine to run: the utterance's samples from <see cref="Start"/> (inclusive) to
/// <see cref="End"/> (exclusive), offsets from the utterance's first sample.
/// </summary>
public readonly record struct WindowDecode(WindowDecodeKind Kind, long Start, long End)
{
    /// <summary>Samples to decode.</summary>
    public long Length => End - Start;
}
