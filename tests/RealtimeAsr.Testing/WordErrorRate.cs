using System.Globalization;

namespace RealtimeAsr.Testing;

/// <summary>Word error rate: word-level Levenshtein distance divided by the reference length.</summary>
public static class WordErrorRate
{
    public static double Compute(string reference, string hypothesis)
    {
        var r = Words(reference);
        var h = Words(hypothesis);
        if (r.Length == 0)
        {
            return h.Length == 0 ? 0 : 1;
        }

        var previous = new int[h.Length + 1];
        var current = new int[h.Length + 1];
        for (var j = 0; j <= h.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= r.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= h.Length; j++)
            {
                var substitution = previous[j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return (double)previous[h.Length] / r.Length;
    }

    /// <summary>Lower-cased words with punctuation removed, the normalisation both sides get before comparing.</summary>
    public static string[] Words(string text) =>
        new string(text.ToLower(CultureInfo.InvariantCulture).Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
