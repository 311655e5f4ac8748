namespace RealtimeAsr.Cli.Evaluation;

/// <summary><c>--no-normalize</c>: scores the text as written; words are still split at whitespace.</summary>
internal sealed class VerbatimTextNormalizer : ITextNormalizer
{
    public static VerbatimTextNormalizer Instance { get; } = new();

    public string Name => "none";

    public string Normalize(string text) => text;
}
