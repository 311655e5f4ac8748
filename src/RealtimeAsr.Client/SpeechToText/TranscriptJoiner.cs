using System.Text;

namespace RealtimeAsr.Client.SpeechToText;

/// <summary>Joins utterance transcripts into one text: with spaces, except between CJK characters, which use none.</summary>
internal static class TranscriptJoiner
{
    public static string Join(IEnumerable<string> transcripts)
    {
        var text = new StringBuilder();
        foreach (var transcript in transcripts.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (text.Length > 0 && !(IsCjk(text[^1]) && IsCjk(transcript[0])))
            {
                text.Append(' ');
            }

            text.Append(transcript);
        }

        return text.ToString();
    }

    /// <summary>CJK ideographs, kana, Hangul and their punctuation: scripts written without spaces between words.</summary>
    private static bool IsCjk(char c) =>
        c is (>= '\u3000' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uFF00' and <= '\uFFEF');
}
