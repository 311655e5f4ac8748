namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// The <c>prompt</c> of a request: the session's context (<c>corpus.text</c>: names, terms) followed by what the backend
/// said about the utterance's earlier windows, so that a long utterance cut into windows keeps its thread. OpenAI and
/// Whisper read the prompt as text before the audio (Whisper keeps its last 224 tokens); Qwen3-ASR as context.
/// </summary>
internal static class BackendPrompt
{
    /// <summary>
    /// The longest prompt sent, in characters: about what Whisper keeps (224 tokens of 4 to 8 characters); beyond it
    /// the start is cut, at a word, since the text nearest the audio matters most.
    /// </summary>
    public const int MaxCharacters = 1200;

    /// <summary>The prompt, or <see langword="null"/> when there is nothing to say.</summary>
    public static string? Build(string? context, string previousText)
    {
        var prompt = string.Join(' ', new[] { context?.Trim(), previousText.Trim() }.Where(part => !string.IsNullOrEmpty(part)));
        if (prompt.Length <= MaxCharacters)
        {
            return prompt.Length == 0 ? null : prompt;
        }

        var start = prompt.Length - MaxCharacters;
        var space = prompt.IndexOf(' ', start);
        return space >= 0 && space < prompt.Length - 1 ? prompt[(space + 1)..] : prompt[start..];
    }
}
