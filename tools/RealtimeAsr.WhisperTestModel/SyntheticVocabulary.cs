using System.Text;

namespace RealtimeAsr.WhisperTestModel;

/// <summary>
/// A made-up vocabulary in place of Whisper's BPE tokenizer (not obtainable here). Like the real files it holds only
/// the ordinary tokens — 50257 for a multilingual model, 50256 for an English-only one — so whisper.cpp appends the
/// special tokens itself ("adding N extra tokens") and puts end-of-text, start-of-transcript, the language tokens,
/// no-timestamps and the timestamps exactly where it expects them for that n_vocab.
/// Tokens 0..94 are the printable ASCII characters (any ASCII prompt tokenizes); the rest are pronounceable nonsense
/// syllables, half of them word-initial (" ba", " kelo"), so a decode prints readable nonsense words.
/// </summary>
internal static class SyntheticVocabulary
{
    private const string Consonants = "bdfgklmnprstvz";
    private const string Vowels = "aeiou";

    public static int OrdinaryTokenCount(WhisperShape shape) => shape.Model.IsMultilingual ? 50257 : 50256;

    public static IEnumerable<byte[]> Tokens(WhisperShape shape)
    {
        var count = OrdinaryTokenCount(shape);
        for (var id = 0; id < count; id++)
        {
            yield return Encoding.ASCII.GetBytes(Token(id));
        }
    }

    /// <summary>A distinct token text per id: its printable character, or syllables spelling the id in base 70.</summary>
    public static string Token(int id)
    {
        const int Printable = '~' - ' ' + 1;
        if (id < Printable)
        {
            return ((char)(' ' + id)).ToString();
        }

        var n = id - Printable;
        var text = new StringBuilder(n % 2 == 0 ? " " : "");
        n /= 2;
        do
        {
            var syllable = n % (Consonants.Length * Vowels.Length);
            text.Append(Consonants[syllable / Vowels.Length]).Append(Vowels[syllable % Vowels.Length]);
            n /= Consonants.Length * Vowels.Length;
        }
        while (n > 0);
        return text.ToString();
    }
}
