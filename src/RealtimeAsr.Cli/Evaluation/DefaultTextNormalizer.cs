using System.Globalization;
using System.Text;

namespace RealtimeAsr.Cli.Evaluation;

/// <summary>
/// The default scoring normalisation: lower-case (invariant culture); every punctuation character (Unicode
/// categories P*) becomes a space, except an apostrophe between two letters or digits (<c>don't</c>, with ’ read as ');
/// runs of whitespace become one space. With <see cref="SpellNumbers"/>, a token of digits 0–100 becomes English words.
/// </summary>
internal sealed class DefaultTextNormalizer(bool spellNumbers = false) : ITextNormalizer
{
    /// <summary>Whether digits 0–100 are spelled as English words (<c>--normalize-numbers</c>).</summary>
    public bool SpellNumbers { get; } = spellNumbers;

    public string Name => SpellNumbers ? "default+numbers" : "default";

    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var cleaned = new StringBuilder(lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            if (IsApostrophe(c) && IsWordCharacter(lower, i - 1) && IsWordCharacter(lower, i + 1))
            {
                cleaned.Append('\'');
            }
            else if (char.IsWhiteSpace(c) || IsPunctuation(lower, i))
            {
                // A space, not nothing: "well-known" and "well known" must score alike, as must "a,b" and "a b".
                cleaned.Append(' ');
            }
            else
            {
                cleaned.Append(c);
            }
        }

        var words = cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (SpellNumbers)
        {
            for (var i = 0; i < words.Length; i++)
            {
                if (EnglishNumberWords.TrySpell(words[i], out var spelled))
                {
                    words[i] = spelled;
                }
            }
        }

        return string.Join(' ', words);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsWordCharacter(string text, int index) =>
        index >= 0 && index < text.Length && char.IsLetterOrDigit(text, index);

    private static bool IsPunctuation(string text, int index) =>
        CharUnicodeInfo.GetUnicodeCategory(text, index) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
}
