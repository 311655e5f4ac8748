using System.Globalization;
using System.Text;

namespace RealtimeAsr.Recognition;

/// <summary>
/// One unit of a hypothesis that agreement compares: a word in scripts written with spaces, one character (text
/// element) in scripts written without them.
/// </summary>
/// <param name="Value">The unit as the hypothesis spelled it, punctuation and case included.</param>
/// <param name="SpaceBefore">
/// Whether a space goes before this unit when it follows another unit: <see langword="true"/> where the hypothesis
/// had whitespace before it, <see langword="false"/> inside a run written without spaces (<c>你好</c>) or where
/// punctuation or a word was written against the previous character. For a hypothesis's first unit: whether it is
/// a word of a spaced script, so two windows' texts join as <c>"hello" + " world"</c> but <c>"你好" + "世界"</c>.
/// </param>
public readonly record struct TextUnit(string Value, bool SpaceBefore)
{
    /// <summary>
    /// The unit as agreement compares it: lower-case (invariant) without punctuation, so <c>Hello,</c> and
    /// <c>hello</c> agree. A unit that is only punctuation (<c>，</c>) compares as written.
    /// </summary>
    public string Key
    {
        get
        {
            var key = new StringBuilder(Value.Length);
            foreach (var c in Value)
            {
                if (!char.IsPunctuation(c))
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            return key.Length == 0 ? Value : key.ToString();
        }
    }
}

/// <summary>Splits hypotheses into <see cref="TextUnit"/>s and joins units back into protocol text.</summary>
/// <remarks>
/// <para>
/// Scripts written with spaces (Latin, Cyrillic, Arabic, Devanagari, Hangul, …) are split on whitespace into words.
/// Scripts written without spaces (Han, Hiragana, Katakana, fullwidth forms and CJK punctuation, Thai, Lao, Khmer,
/// Myanmar) give one unit per text element (a character with its combining marks), so a Chinese or Japanese
/// hypothesis is confirmed character by character as it stabilises rather than only when a whole run between
/// spaces stops changing. A run of other characters inside such text (<c>我爱Python编程</c>) stays one unit.
/// </para>
/// <para>
/// Joining reproduces the hypothesis's own spacing: whitespace runs become one space, and units written against
/// each other stay together, so <c>Join(Split(s))</c> is <c>s</c> with its whitespace normalised.
/// </para>
/// </remarks>
public static class TextUnits
{
    /// <summary>Splits a hypothesis into units; <see langword="null"/> or whitespace gives none.</summary>
    public static TextUnit[] Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var units = new List<TextUnit>();
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            var runStart = -1;
            var first = true;
            for (var i = 0; i < token.Length;)
            {
                var length = StringInfo.GetNextTextElementLength(token, i);
                if (IsWrittenWithoutSpaces(token, i))
                {
                    if (runStart >= 0)
                    {
                        Add(token[runStart..i], spaced: true);
                        runStart = -1;
                    }

                    Add(token.Substring(i, length), spaced: false);
                }
                else if (runStart < 0)
                {
                    runStart = i;
                }

                i += length;
            }

            if (runStart >= 0)
            {
                Add(token[runStart..], spaced: true);
            }

            void Add(string value, bool spaced)
            {
                // A token's first unit follows whitespace (or, first of all, starts the text: spaced words then join
                // the text before them with a space); later units are written against the previous one.
                units.Add(new TextUnit(value, first && (t > 0 || spaced)));
                first = false;
            }
        }

        return [.. units];
    }

    /// <summary>
    /// Joins <paramref name="count"/> units from <paramref name="start"/>. The first unit gets its space only when
    /// <paramref name="continuesText"/> says the result follows other text (a stash after a non-empty text).
    /// </summary>
    public static string Join(IReadOnlyList<TextUnit> units, int start, int count, bool continuesText)
    {
        var text = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            if (units[i].SpaceBefore && (i > start || continuesText))
            {
                text.Append(' ');
            }

            text.Append(units[i].Value);
        }

        return text.ToString();
    }

    /// <summary>Joins all units into text that starts without a space.</summary>
    public static string Join(IReadOnlyList<TextUnit> units) => Join(units, 0, units.Count, continuesText: false);

    private static bool IsWrittenWithoutSpaces(string text, int index)
    {
        // An unpaired surrogate decodes as U+FFFD, a spaced character.
        Rune.DecodeFromUtf16(text.AsSpan(index), out var decoded, out _);
        return decoded.Value is
            (>= 0x0E00 and <= 0x0EFF) // Thai, Lao
            or (>= 0x1000 and <= 0x109F) // Myanmar
            or (>= 0x1780 and <= 0x17FF) // Khmer
            or (>= 0x3000 and <= 0x30FF) // CJK symbols and punctuation, Hiragana, Katakana
            or (>= 0x31F0 and <= 0x31FF) // Katakana phonetic extensions
            or (>= 0x3400 and <= 0x4DBF) // CJK extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK unified ideographs
            or (>= 0xF900 and <= 0xFAFF) // CJK compatibility ideographs
            or (>= 0xFF00 and <= 0xFFEF) // Fullwidth and halfwidth forms (，。！ and halfwidth Katakana)
            or (>= 0x20000 and <= 0x3FFFF); // CJK extensions B and later
    }
}
