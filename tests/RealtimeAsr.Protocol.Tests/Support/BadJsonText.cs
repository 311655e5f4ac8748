using System.Text;

namespace RealtimeAsr.Protocol.Tests.Support;

/// <summary>
/// JSON string contents, as written between the quotes, that are syntactically valid JSON but not valid Unicode text:
/// escaped unpaired UTF-16 surrogates. System.Text.Json parses them and throws only when a string is decoded.
/// Shared with the session tests (linked source).
/// </summary>
internal static class BadJsonText
{
    /// <summary>Each kind of unpaired surrogate escape, alone.</summary>
    public static readonly string[] Escapes =
    [
        @"\udc00",              // a lone low surrogate
        @"\uDFFF",              // the same, upper-case hex
        @"\ud800",              // a lone high surrogate at the end
        @"\ud800x",             // a high surrogate followed by a character
        @"\ud800\u0041",        // a high surrogate followed by an escaped non-surrogate
        @"\ud800\n",            // a high surrogate followed by another escape
        @"\ud800\ud800",        // two high surrogates
        @"\ude00\ud83d",        // a reversed pair
        @"\udfff\udfff",        // two low surrogates
        @"\ud83d\ude00\udc00",  // a valid pair, then a lone low surrogate
    ];

    /// <summary>Escapes that are valid text, with the string they stand for: these must keep working.</summary>
    public static readonly (string Json, string Text)[] GoodEscapes =
    [
        (@"\ud83d\ude00", "\ud83d\ude00"),
        (@"\u00e9t\u00E9", "été"),
        (@"caf\u00e9 \u4e2d\u6587", "café 中文"),
        (@"a\/b\\c\""d\te", "a/b\\c\"d\te"),
        (@"\u0000", "\0"),
    ];

    /// <summary>A random bad string content: one or two bad escapes inside random plain or escaped text.</summary>
    public static string Next(Random random)
    {
        var text = new StringBuilder();
        text.Append(Filler(random));
        text.Append(Escapes[random.Next(Escapes.Length)]);
        if (random.Next(3) == 0)
        {
            // A plain character between: "\ud800" then "\udc00" would make a valid pair.
            text.Append('x');
            text.Append(Escapes[random.Next(Escapes.Length)]);
        }

        text.Append(Filler(random));
        return text.ToString();
    }

    private static string Filler(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => "en",
        2 => GoodEscapes[random.Next(GoodEscapes.Length)].Json,
        _ => new string((char)('a' + random.Next(26)), random.Next(1, 5)),
    };

    /// <summary>Whether <paramref name="text"/> is valid UTF-16 (no unpaired surrogate), so that it can be written as JSON.</summary>
    public static bool IsValidText(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
