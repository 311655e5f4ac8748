using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>The recordings the end-to-end tests speak to the server.</summary>
public static class SpeechSamples
{
    /// <summary>Sentences synthesised with espeak-ng, each a separate utterance.</summary>
    public static readonly string[] Sentences =
    [
        "The weather is nice today.",
        "Please open the front door.",
        "I would like a cup of coffee.",
    ];

    /// <summary>The espeak-ng sentences with one second of silence before, between and after them, 16 kHz.</summary>
    public static short[] SpokenSentences() => TestAudio.Join(Sentences.Select(s => TestAudio.Speak(s)), gapMs: 1000);

    /// <summary>The five LibriVox clips with one second of silence around each, 16 kHz.</summary>
    public static short[] LibriVoxRecording() => TestAudio.Join(TestAudio.LibriVoxClips().Select(c => c.Samples), gapMs: 1000);
}
