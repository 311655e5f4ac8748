using RealtimeAsr.Testing;

namespace RealtimeAsr.Browser.Tests;

/// <summary>The speech the tests play to the page, and where each clip lies in it.</summary>
public static class Recordings
{
    /// <summary>Silence before, between and after the clips: longer than the balanced preset's 800 ms, so each clip is one utterance.</summary>
    public const int GapMs = 1500;

    /// <summary>The five LibriVox clips in order, with <see cref="GapMs"/> of silence around each (about 35 s).</summary>
    public static short[] LibriVox() => TestAudio.Join(TestAudio.LibriVoxClips().Select(c => c.Samples), GapMs);

    /// <summary>The LibriVox reference transcripts, joined.</summary>
    public static string LibriVoxReference() => string.Join(" ", TestAudio.LibriVoxClips().Select(c => c.Transcript));

    /// <summary>Two short clips for push-to-talk: "he was not an ill disposed young man", "he might even have been made amiable himself".</summary>
    public static IReadOnlyList<TestAudio.Clip> PushToTalkClips() =>
        [.. TestAudio.LibriVoxClips().Where(c => c.Name.EndsWith("-0880", StringComparison.Ordinal) || c.Name.EndsWith("-0930", StringComparison.Ordinal))];

    /// <summary>The push-to-talk clips with <see cref="GapMs"/> of silence around each.</summary>
    public static short[] PushToTalk() => TestAudio.Join(PushToTalkClips().Select(c => c.Samples), GapMs);

    /// <summary>Where clip <paramref name="index"/> of a <see cref="TestAudio.Join"/> recording starts and ends, in ms.</summary>
    public static (int StartMs, int EndMs) Span(IReadOnlyList<TestAudio.Clip> clips, int index)
    {
        var start = GapMs;
        for (var i = 0; i < index; i++)
        {
            start += Wav.DurationMs(clips[i].Samples.Length) + GapMs;
        }

        return (start, start + Wav.DurationMs(clips[index].Samples.Length));
    }
}
