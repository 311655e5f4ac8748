using System.Text;

namespace RealtimeAsr.Client.SpeechToText;

/// <summary>
/// Joins utterance transcripts into one text: with spaces, except between CJK characters, which use none. One
/// instance per request hands out each transcript as the piece to append, so that pieces concatenated (as
/// Microsoft.Extensions.AI's <c>ToSpeechToTextResponseAsync</c> does) equal <see cref="Join"/>.
/// </summary>
internal sealed class TranscriptJoiner
{
    private char? _last;

    /// <summary>All <paramref name="transcripts"/> joined.</summary>
    public static string Join(IEnumerable<string> transcripts)
    {
        var joiner = new TranscriptJoiner();
        var text = new StringBuilder();
        foreach (var transcript in transcripts)
        {
            text.Append(joiner.Append(transcript));
        }

        return text.ToString();
    }

    /// <summary>
    /// The text to append after everything handed out so far: <paramref name="transcript"/> trimmed, with a leading space
    /// when one belongs between it and the previous transcript; empty for a blank transcript.
    /// </summary>
    public string Append(string transcript)
    {
        var trimmed = transcript.Trim();
        if (trimmed.Length == 0)
        {
            return "";
        }

        var separator = _last is { } last && !(IsCjk(last) && IsCjk(trimmed[0])) ? " " : "";
        _last = trimmed[^1];
        return separator + trimmed;
    }

    /// <summary>CJK ideographs, kana, Hangul and their punctuation: scripts written without spaces between words.</summary>
    private static bool IsCjk(char c) =>
        c is (>= '\u3000' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uFF00' and <= '\uFFEF');
}
