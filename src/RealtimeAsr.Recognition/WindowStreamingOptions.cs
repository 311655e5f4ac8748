namespace RealtimeAsr.Recognition;

/// <summary>
/// Settings of <see cref="WindowStreamingPolicy"/>, the streaming policy for engines that re-decode a growing window
/// of audio (Whisper; remote HTTP engines). See docs/ENGINES.md, "Streaming from a non-streaming model".
/// </summary>
public sealed class WindowStreamingOptions
{
    /// <summary>
    /// How much new audio, and at least how much time, between the starts of two partial decodes of an utterance.
    /// Default 1 s: about one re-decode per second of speech, what whisper_streaming uses and what a CPU carries for
    /// a few streams with a small model. Shorter gives fresher partials at a cost linear in decodes per second.
    /// </summary>
    public TimeSpan PartialInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest audio one decode may cover. Default 30 s, Whisper's input window: audio beyond it would be
    /// decoded by the model's own sliding, which re-decodes more and confirms less. A window that reaches it is
    /// cut there (at the latest pause when one is known).
    /// </summary>
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Window length from which a known pause cuts the window. Default 15 s (whisper_streaming trims its buffer at
    /// 15 s too): long enough that a window holds whole sentences for the model's context, short enough that each
    /// partial decode stays cheap. Must not exceed <see cref="MaxWindow"/>.
    /// </summary>
    public TimeSpan PauseCutAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Checks an engine's streaming settings, <paramref name="setting"/> (its property name), as the engine checks its
    /// other settings: missing or out of range is an <see cref="ArgumentException"/> naming the setting and the value.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are missing or one is out of range.</exception>
    public static void ValidateSetting(WindowStreamingOptions? options, string setting)
    {
        if (options is null)
        {
            throw new ArgumentException($"{setting} is required.", setting);
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{setting}.{e.ParamName} is out of range: {e.ActualValue}.", setting, e);
        }
    }

    /// <summary>Throws when a setting is out of range; the policy calls it when it is created.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PartialInterval, TimeSpan.Zero, nameof(PartialInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxWindow, TimeSpan.Zero, nameof(MaxWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PauseCutAfter, TimeSpan.Zero, nameof(PauseCutAfter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PauseCutAfter, MaxWindow, nameof(PauseCutAfter));
    }
}
