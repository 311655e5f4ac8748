namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// The text whisper.cpp is given as the decoder's prompt (its <c>initial_prompt</c>): the session's context (the
/// protocol's <c>corpus.text</c>: names and terms to expect) followed by what the model said about the utterance's
/// earlier windows, so the words nearest the audio come last.
/// </summary>
internal static class WhisperPrompt
{
    /// <summary>
    /// Characters kept per prompt token whisper.cpp uses. whisper.cpp keeps only the last n_text_ctx / 2 tokens of a
    /// prompt (224); Whisper's tokens average about four characters of English and rarely exceed eight, so keeping
    /// eight per token never cuts what the model would have used, while a long context text is not tokenized again
    /// on every decode.
    /// </summary>
    internal const int CharactersPerToken = 8;

    /// <summary>The prompt for one decode; empty when there is neither context nor earlier text.</summary>
    /// <param name="context">The session's context text, or <see langword="null"/>.</param>
    /// <param name="previousText">The utterance's text before the decoded window (empty for the first window).</param>
    /// <param name="textContext">The model's decoder context in tokens (n_text_ctx: 448 for every published model).</param>
    public static string Build(string? context, string previousText, int textContext)
    {
        var prompt = (string.IsNullOrWhiteSpace(context), string.IsNullOrWhiteSpace(previousText)) switch
        {
            (true, true) => "",
            (false, true) => context!.Trim(),
            (true, false) => previousText.Trim(),
            _ => context!.Trim() + " " + previousText.Trim(),
        };

        return KeepEnd(prompt, textContext / 2 * CharactersPerToken);
    }

    /// <summary>The last <paramref name="maxLength"/> characters of <paramref name="text"/>, from a word's start when one is near.</summary>
    internal static string KeepEnd(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var start = text.Length - maxLength;
        if (char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        // A word cut in half reads as a different word; skip to the next space when there is one within a few
        // characters (scripts without spaces keep the cut as it is).
        var space = text.IndexOf(' ', start, Math.Min(16, text.Length - start));
        return space >= 0 ? text[(space + 1)..] : text[start..];
    }
}
