namespace RealtimeAsr.Recognition;

/// <summary>
/// Turns the successive hypotheses an engine gives for <b>one</b> utterance into the protocol's partial results:
/// <see cref="Text"/> (confirmed prefix, only ever grows) and <see cref="Stash"/> (draft that may still change).
/// </summary>
/// <remarks>
/// <para>
/// A word is confirmed once it sits in the same position in two successive hypotheses, i.e. inside the common
/// word prefix of the previous and the current hypothesis. Confirmed words are never taken back: if the engine
/// later revises one, <see cref="Text"/> stays as it is and <see cref="Stash"/> holds the hypothesis words after
/// the confirmed word count. Confirmation is positional, so a revision that changes the number of words inside
/// the confirmed part shifts the stash by that many words; that is the price of never retracting text.
/// </para>
/// <para>
/// Words are split on whitespace and joined with single spaces. The live preview is <c>Text + Stash</c>, so when
/// both are non-empty the separating space goes at the <b>start of the stash</b> (<c>"hello world"</c> +
/// <c>" how are"</c>). <see cref="Text"/> therefore never ends with a space, and every later <see cref="Text"/>
/// starts with every earlier one, character for character.
/// </para>
/// <para>
/// Languages written without spaces arrive as one "word" per run of characters, so they are confirmed only
/// when the whole run is stable; correct, just slower to confirm.
/// </para>
/// <para>Not thread-safe: one instance per utterance, used by one caller at a time.</para>
/// </remarks>
public sealed class PartialStabilizer
{
    private readonly List<string> _confirmedWords = [];
    private string[] _previousWords = [];
    private bool _completed;

    /// <summary>The confirmed prefix (protocol <c>text</c>): never <see langword="null"/>, never ends with a space.</summary>
    public string Text { get; private set; } = "";

    /// <summary>
    /// The draft after <see cref="Text"/> (protocol <c>stash</c>): never <see langword="null"/>. Starts with a single
    /// space when <see cref="Text"/> is non-empty and the stash has words, so <c>Text + Stash</c> reads naturally.
    /// </summary>
    public string Stash { get; private set; } = "";

    /// <summary>Number of confirmed words, the words in <see cref="Text"/>.</summary>
    public int ConfirmedWordCount => _confirmedWords.Count;

    /// <summary>
    /// Takes the engine's current hypothesis for the whole utterance so far.
    /// </summary>
    /// <param name="hypothesis">The full current hypothesis (not a delta); <see langword="null"/> counts as empty.</param>
    /// <returns><see langword="true"/> when <see cref="Text"/> or <see cref="Stash"/> changed, so a partial is worth sending.</returns>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public bool Update(string? hypothesis)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The utterance is complete; start a new PartialStabilizer for the next one.");
        }

        var words = SplitWords(hypothesis);
        var stable = CommonPrefixLength(_previousWords, words);
        for (var i = _confirmedWords.Count; i < stable; i++)
        {
            _confirmedWords.Add(words[i]);
        }

        _previousWords = words;

        var text = string.Join(' ', _confirmedWords);
        var draft = words.Length > _confirmedWords.Count ? string.Join(' ', words, _confirmedWords.Count, words.Length - _confirmedWords.Count) : "";
        var stash = text.Length > 0 && draft.Length > 0 ? " " + draft : draft;

        var changed = !string.Equals(text, Text, StringComparison.Ordinal) || !string.Equals(stash, Stash, StringComparison.Ordinal);
        Text = text;
        Stash = stash;
        return changed;
    }

    /// <summary>
    /// Ends the utterance with the engine's final hypothesis and returns the final transcript: the final
    /// hypothesis's words joined with single spaces.
    /// </summary>
    /// <remarks>
    /// The final transcript follows the engine's final pass, not the confirmed <see cref="Text"/>: engines rescore
    /// the whole utterance at the end, which is their most accurate result, and the protocol's <c>completed</c>
    /// event replaces the preview. It normally starts with <see cref="Text"/>; it differs only where the engine
    /// revised a word it had held stable. <see cref="Text"/> and <see cref="Stash"/> keep the last partial.
    /// </remarks>
    /// <param name="finalHypothesis">The engine's final result; <see langword="null"/> counts as empty.</param>
    public string Complete(string? finalHypothesis)
    {
        _completed = true;
        return string.Join(' ', SplitWords(finalHypothesis));
    }

    private static string[] SplitWords(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int CommonPrefixLength(string[] previous, string[] current)
    {
        var length = Math.Min(previous.Length, current.Length);
        var common = 0;
        while (common < length && string.Equals(previous[common], current[common], StringComparison.Ordinal))
        {
            common++;
        }

        return common;
    }
}
