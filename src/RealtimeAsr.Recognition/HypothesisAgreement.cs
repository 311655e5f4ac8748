namespace RealtimeAsr.Recognition;

/// <summary>
/// LocalAgreement-2 for a model that re-decodes the whole utterance: turns its successive full hypotheses into the
/// protocol's confirmed <see cref="Text"/> (never shrinks) and draft <see cref="Stash"/>.
/// </summary>
/// <remarks>
/// <para>
/// Hypotheses are split into <see cref="TextUnit"/>s (words; single characters in scripts written without spaces).
/// The units in the common prefix of the previous and the current hypothesis, compared by <see cref="TextUnit.Key"/>
/// (case and punctuation ignored), are confirmed, spelled as the <b>current</b> hypothesis spells them.
/// </para>
/// <para>
/// Contradictions: confirmed units are never taken back or respelled. When a hypothesis disagrees with the confirmed
/// prefix, <see cref="Text"/> stays, and <see cref="Stash"/> is the hypothesis's units after the confirmed unit count
/// (positional, as <see cref="PartialStabilizer"/> does), so the preview shows the new tail rather than nothing; a
/// hypothesis no longer than the confirmed text leaves an empty stash. Units at later positions that the last two
/// hypotheses agree on are still confirmed after the contradiction.
/// </para>
/// <para>
/// Spacing: <see cref="Text"/> never starts or ends with a space; <see cref="Stash"/> starts with a space when
/// <see cref="Text"/> is non-empty and the hypothesis had a space there, so <c>Text + Stash</c> is the preview
/// (<c>"hello world" + " how"</c>, but <c>"你好" + "世界"</c>).
/// </para>
/// <para>Not thread-safe: one instance per utterance.</para>
/// </remarks>
public sealed class HypothesisAgreement
{
    private readonly List<TextUnit> _confirmed = [];
    private TextUnit[] _previous = [];

    /// <summary>The confirmed prefix (protocol <c>text</c>); never <see langword="null"/>.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The rest of the latest hypothesis (protocol <c>stash</c>); never <see langword="null"/>.</summary>
    public string Stash { get; private set; } = "";

    /// <summary>The confirmed units, in order.</summary>
    public IReadOnlyList<TextUnit> Confirmed => _confirmed;

    /// <summary>Takes the next full hypothesis of the utterance.</summary>
    /// <returns><see langword="true"/> when <see cref="Text"/> or <see cref="Stash"/> changed.</returns>
    public bool Update(string? hypothesis) => Update(TextUnits.Split(hypothesis), confirmAll: false);

    /// <summary>
    /// Takes the next full hypothesis as units. With <paramref name="confirmAll"/> every unit of it is confirmed
    /// without waiting for a second hypothesis (a closed window's text, which no later decode will revise); units
    /// that contradict the confirmed prefix still do not replace it.
    /// </summary>
    /// <returns><see langword="true"/> when <see cref="Text"/> or <see cref="Stash"/> changed.</returns>
    public bool Update(IReadOnlyList<TextUnit> hypothesis, bool confirmAll)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);

        var agreed = confirmAll ? hypothesis.Count : CommonPrefixLength(_previous, hypothesis);
        for (var i = _confirmed.Count; i < agreed; i++)
        {
            _confirmed.Add(hypothesis[i]);
        }

        _previous = [.. hypothesis];

        var text = TextUnits.Join(_confirmed);
        var tail = Math.Max(0, hypothesis.Count - _confirmed.Count);
        var stash = TextUnits.Join(hypothesis, hypothesis.Count - tail, tail, continuesText: text.Length > 0);

        var changed = !string.Equals(text, Text, StringComparison.Ordinal) || !string.Equals(stash, Stash, StringComparison.Ordinal);
        Text = text;
        Stash = stash;
        return changed;
    }

    private static int CommonPrefixLength(TextUnit[] previous, IReadOnlyList<TextUnit> current)
    {
        var length = Math.Min(previous.Length, current.Count);
        var common = 0;
        while (common < length && string.Equals(previous[common].Key, current[common].Key, StringComparison.Ordinal))
        {
            common++;
        }

        return common;
    }
}
