namespace RealtimeAsr.Benchmarks.Server;

/// <summary>A number of decodes with the audio they covered and the time they took.</summary>
/// <param name="Count">Decodes.</param>
/// <param name="AudioSeconds">Audio they decoded, all together.</param>
/// <param name="Seconds">Their wall time, all together: a free recognition worker awaited, then whisper.cpp.</param>
internal sealed record DecodeTally(int Count, double AudioSeconds, double Seconds)
{
    public static readonly DecodeTally None = new(0, 0, 0);

    /// <summary>Mean wall time of one decode, in milliseconds.</summary>
    public double MeanMs => Count == 0 ? 0 : Seconds * 1000 / Count;

    /// <summary>Mean audio of one decode, in seconds.</summary>
    public double MeanAudioSeconds => Count == 0 ? 0 : AudioSeconds / Count;

    public static DecodeTally operator +(DecodeTally a, DecodeTally b) => new(a.Count + b.Count, a.AudioSeconds + b.AudioSeconds, a.Seconds + b.Seconds);

    public static DecodeTally operator -(DecodeTally a, DecodeTally b) => new(a.Count - b.Count, a.AudioSeconds - b.AudioSeconds, a.Seconds - b.Seconds);
}
