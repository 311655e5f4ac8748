namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// Drops what PocketSphinx is not confident about, so that noise and hallucinated words do not become text (see
/// <see cref="PocketSphinxOptions.MinWordConfidence"/> and <see cref="PocketSphinxOptions.MinUtteranceConfidence"/>).
/// </summary>
internal sealed record RecognitionRejection(double MinWordConfidence, double MinUtteranceConfidence)
{
    /// <summary>Whether anything can be rejected (both thresholds 0: nothing is).</summary>
    public bool Enabled => MinWordConfidence > 0 || MinUtteranceConfidence > 0;

    /// <summary>
    /// The transcript of <paramref name="words"/> (each with its lattice posterior) without the rejected ones; empty
    /// when the utterance's confidence, the mean posterior of its words, is below the utterance threshold.
    /// </summary>
    public string Apply(IReadOnlyList<(string Word, double Posterior)> words)
    {
        if (words.Count == 0 || words.Average(word => word.Posterior) < MinUtteranceConfidence)
        {
            return "";
        }

        return string.Join(' ', words.Where(word => word.Posterior >= MinWordConfidence).Select(word => word.Word));
    }
}
