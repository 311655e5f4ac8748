namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// Keeps Whisper from writing text where nobody spoke: segments whisper.cpp itself judges to be silence or noise are
/// dropped, and repetition loops (the decoder emitting the same phrase again and again, a known failure on noise and
/// long silences) are cut to one occurrence.
/// </summary>
/// <param name="noSpeechThreshold">A segment whose no-speech probability is above this is dropped. Default 0.6,
/// whisper.cpp's and OpenAI Whisper's own no-speech threshold.</param>
/// <param name="loopRepeats">A phrase of up to <see cref="MaxLoopUnits"/> units repeated back to back this many times or
/// more is a loop and kept once. Default 4: "no, no, no" (three times) is speech, four times over is almost always a
/// decoder stuck in a loop.</param>
public sealed class WhisperTranscriptFilter(float noSpeechThreshold = 0.6f, int loopRepeats = 4)
{
    /// <summary>The longest phrase, in words (or characters of scripts written without spaces), checked for loops.</summary>
    public const int MaxLoopUnits = 8;

    /// <summary>The transcript of <paramref name="segments"/>: speech segments joined, loops cut.</summary>
    public string Transcript(IEnumerable<WhisperSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var units = new List<TextUnit>();
        foreach (var segment in segments)
        {
            if (segment.NoSpeechProbability <= noSpeechThreshold)
            {
                units.AddRange(TextUnits.Split(segment.Text));
            }
        }

        return TextUnits.Join(CutLoops(units));
    }

    /// <summary>Each run of one phrase repeated <c>loopRepeats</c> times or more, reduced to the phrase once.</summary>
    internal List<TextUnit> CutLoops(List<TextUnit> units)
    {
        var kept = new List<TextUnit>(units.Count);
        var i = 0;
        while (i < units.Count)
        {
            if (LoopAt(units, i) is var (length, repeats))
            {
                kept.AddRange(units.GetRange(i, length));
                i += length * repeats;
            }
            else
            {
                kept.Add(units[i]);
                i++;
            }
        }

        return kept;
    }

    /// <summary>
    /// The loop starting at <paramref name="start"/>: of the phrases repeated back to back at least <c>loopRepeats</c>
    /// times there, the one covering the most units (on a tie the longer phrase, so 谢谢 × 5 keeps 谢谢, not 谢);
    /// <see langword="null"/> when there is none.
    /// </summary>
    private (int Length, int Repeats)? LoopAt(List<TextUnit> units, int start)
    {
        (int Length, int Repeats)? best = null;
        for (var length = 1; length <= MaxLoopUnits && start + loopRepeats * length <= units.Count; length++)
        {
            var repeats = 1;
            while (start + (repeats + 1) * length <= units.Count && SamePhrase(units, start, start + repeats * length, length))
            {
                repeats++;
            }

            if (repeats >= loopRepeats && (best is null || repeats * length >= best.Value.Repeats * best.Value.Length))
            {
                best = (length, repeats);
            }
        }

        return best;
    }

    private static bool SamePhrase(List<TextUnit> units, int first, int second, int length)
    {
        for (var k = 0; k < length; k++)
        {
            if (!string.Equals(units[first + k].Key, units[second + k].Key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
