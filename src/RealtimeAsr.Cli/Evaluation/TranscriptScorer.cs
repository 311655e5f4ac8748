namespace RealtimeAsr.Cli.Evaluation;

/// <summary>Normalises both texts the same way, aligns them as sclite does, and counts words and characters.</summary>
internal sealed class TranscriptScorer(ITextNormalizer normalizer)
{
    public ITextNormalizer Normalizer { get; } = normalizer;

    public TranscriptScore Score(string reference, string hypothesis)
    {
        var normalizedReference = Normalizer.Normalize(reference);
        var normalizedHypothesis = Normalizer.Normalize(hypothesis);
        var words = ErrorCounts.Of(LevenshteinAligner.Align(ScoringUnits.Words(normalizedReference), ScoringUnits.Words(normalizedHypothesis)));
        var characters = ErrorCounts.Of(LevenshteinAligner.Align(ScoringUnits.Characters(normalizedReference), ScoringUnits.Characters(normalizedHypothesis)));
        return new TranscriptScore(normalizedReference, normalizedHypothesis, words, characters);
    }
}
