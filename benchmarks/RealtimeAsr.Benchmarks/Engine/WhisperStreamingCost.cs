namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>
/// The decodes one live stream costs per utterance at the engine's partial interval, measured on the clips (all rounds
/// together): each clip as one utterance, a partial decode of the utterance so far at every whole interval of its audio
/// (what the streaming policy starts when the CPU keeps up), then the final decode of the whole clip.
/// </summary>
/// <param name="PartialIntervalSeconds">The interval between partial decodes.</param>
/// <param name="UtteranceSeconds">The utterances' lengths (the clips').</param>
/// <param name="Rounds">How often the clips were decoded.</param>
/// <param name="PartialDecodes">Partial decodes per round.</param>
/// <param name="PartialCpuSeconds">CPU time of the partial decodes, all rounds.</param>
/// <param name="PartialWallSeconds">Wall time of the partial decodes, all rounds.</param>
/// <param name="FinalCpuSeconds">CPU time of the final decodes, all rounds.</param>
/// <param name="FinalWallSeconds">Wall time of the final decodes, all rounds.</param>
/// <param name="RoundCpuPerSpeechSecond">CPU seconds per speech second of each round, to show the spread.</param>
/// <param name="Samples">Every decode, in order.</param>
internal sealed record WhisperStreamingCost(
    double PartialIntervalSeconds, IReadOnlyList<double> UtteranceSeconds, int Rounds, int PartialDecodes,
    double PartialCpuSeconds, double PartialWallSeconds, double FinalCpuSeconds, double FinalWallSeconds,
    IReadOnlyList<double> RoundCpuPerSpeechSecond, IReadOnlyList<WhisperDecodeSample> Samples)
{
    /// <summary>Speech decoded, all rounds.</summary>
    public double SpeechSeconds => UtteranceSeconds.Sum() * Rounds;

    public double PartialCpuPerSpeechSecond => PartialCpuSeconds / SpeechSeconds;

    public double FinalCpuPerSpeechSecond => FinalCpuSeconds / SpeechSeconds;

    /// <summary>CPU seconds one stream costs per second of speech.</summary>
    public double CpuPerSpeechSecond => PartialCpuPerSpeechSecond + FinalCpuPerSpeechSecond;

    /// <summary>Streams one core carries while they all speak: 1 / <see cref="CpuPerSpeechSecond"/>.</summary>
    public double StreamsPerCore => 1 / CpuPerSpeechSecond;
}
