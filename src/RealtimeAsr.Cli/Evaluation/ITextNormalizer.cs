namespace RealtimeAsr.Cli.Evaluation;

/// <summary>
/// Turns a reference or a hypothesis into the text that is scored. Both sides go through the same normaliser, so
/// differences the metric should not count (case, punctuation, "5" for "five") disappear before alignment.
/// </summary>
internal interface ITextNormalizer
{
    /// <summary>A short name for reports, e.g. <c>default</c> or <c>none</c>.</summary>
    string Name { get; }

    /// <summary>The text to score: words separated by single spaces.</summary>
    string Normalize(string text);
}
