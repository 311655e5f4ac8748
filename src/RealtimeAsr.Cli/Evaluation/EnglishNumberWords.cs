namespace RealtimeAsr.Cli.Evaluation;

/// <summary>Spells the whole numbers 0 to 100 as English words (<c>42</c> → <c>forty two</c>).</summary>
internal static class EnglishNumberWords
{
    /// <summary>The largest number spelled.</summary>
    public const int Max = 100;

    private static readonly string[] s_units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] s_tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The words for <paramref name="number"/>, space-separated (a hyphen would be removed as punctuation anyway).</summary>
    public static string Spell(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Max);
        if (number == Max)
        {
            return "one hundred";
        }

        if (number < s_units.Length)
        {
            return s_units[number];
        }

        var tens = s_tens[number / 10];
        return number % 10 == 0 ? tens : $"{tens} {s_units[number % 10]}";
    }

    /// <summary>
    /// The words for a token made only of ASCII digits whose value is 0 to 100, written without leading zeros
    /// (<c>007</c> is a code, not a number, and stays as it is).
    /// </summary>
    public static bool TrySpell(ReadOnlySpan<char> token, out string words)
    {
        words = "";
        if (token.Length is 0 or > 3 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (value > Max)
        {
            return false;
        }

        words = Spell(value);
        return true;
    }
}
