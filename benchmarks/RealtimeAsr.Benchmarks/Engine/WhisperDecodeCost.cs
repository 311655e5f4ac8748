namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>What one kind of Whisper decode of one window length costs (all rounds together).</summary>
/// <param name="Kind"><c>partial</c> (one greedy pass) or <c>final</c> (with the engine's temperature fallback).</param>
/// <param name="Context">The encoder context: <c>Sized</c> to the window, or <c>Full</c> (30 s).</param>
/// <param name="WindowSeconds">Audio per decode.</param>
/// <param name="Decodes">Decodes measured.</param>
/// <param name="WallSeconds">Their wall time, all together.</param>
/// <param name="CpuSeconds">Their process CPU time, all together (every whisper.cpp thread).</param>
/// <param name="MeanWords">Words per decode in the transcripts: with random weights the decoder's output length is
/// arbitrary, and a long one is decoding cost the encoder does not explain.</param>
/// <param name="PeakExtraBytes">The most resident memory one decode added at its peak (whisper.cpp's state), or
/// <see langword="null"/> when the peak could not be reset.</param>
internal sealed record WhisperDecodeCost(
    string Kind, string Context, double WindowSeconds, int Decodes, double WallSeconds, double CpuSeconds, double MeanWords, long? PeakExtraBytes)
{
    public double AudioSeconds => Decodes * WindowSeconds;

    /// <summary>Mean wall time of one decode.</summary>
    public double WallPerDecode => WallSeconds / Decodes;

    public double WallPerAudioSecond => WallSeconds / AudioSeconds;

    public double CpuPerAudioSecond => CpuSeconds / AudioSeconds;
}
