using RealtimeAsr.Testing;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>Real speech for the end-to-end tests: LibriVox clips with silence around them, as 16 kHz PCM16 bytes.</summary>
public static class Speech
{
    /// <summary>
    /// Bound on the word error rate of LibriVox clips through the server. PocketSphinx's en-US model scores about 0.2 on
    /// all five clips, but the first two are its hardest: measured 0.37 on them, in VAD and Manual mode alike. 0.5 leaves
    /// room across machines and still fails on anything that is not a real transcription.
    /// </summary>
    public const double WerBound = 0.5;

    /// <summary>The first <paramref name="count"/> clips, each an utterance, with one second of silence around each.</summary>
    public static (byte[] Pcm, string Reference) Clips(int count)
    {
        var clips = TestAudio.LibriVoxClips().Take(count).ToList();
        var samples = TestAudio.Join(clips.Select(c => c.Samples), gapMs: 1000);
        return (TestAudio.ToBytes(samples), string.Join(" ", clips.Select(c => c.Transcript)));
    }

    /// <summary>One clip without leading or trailing silence.</summary>
    public static (byte[] Pcm, string Reference) Clip(int index)
    {
        var clip = TestAudio.LibriVoxClips()[index];
        return (TestAudio.ToBytes(clip.Samples), clip.Transcript);
    }
}
