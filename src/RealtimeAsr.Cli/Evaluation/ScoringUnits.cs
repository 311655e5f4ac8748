using System.Text;

namespace RealtimeAsr.Cli.Evaluation;

/// <summary>How normalised text is cut into the tokens that are aligned.</summary>
internal static class ScoringUnits
{
    /// <summary>For WER: the words, split at whitespace.</summary>
    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// For CER: every Unicode code point that is not whitespace. Chinese, Japanese and Thai are written without
    /// spaces between words, so characters are what a recogniser gets right or wrong there.
    /// </summary>
    public static string[] Characters(string text)
    {
        var characters = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune))
            {
                characters.Add(rune.ToString());
            }
        }

        return [.. characters];
    }
}
