using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

public sealed class PocketSphinxUtteranceTests
{
    private static TestAudio.Clip Clip(string suffix) =>
        TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public async Task A_decoder_given_back_mid_utterance_decodes_the_next_utterance_cleanly()
    {
        var abandoned = Clip("0870").Samples[..(2 * RecognitionAudio.SampleRate)];
        var next = Clip("0880");

        // Reference: the same history, but the first utterance is completed rather than abandoned.
        string expected;
        using (var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 }))
        {
            using (var first = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None))
            {
                Streaming.Decode(first, abandoned, Streaming.SamplesPer100Ms);
            }

            using var second = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
            expected = Streaming.Decode(second, next.Samples, Streaming.SamplesPer100Ms);
        }

        using (var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 }))
        {
            using (var first = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None))
            {
                Streaming.Accept(first, abandoned, Streaming.SamplesPer100Ms, (_, _) => { });
                Assert.NotEqual("", first.GetPartial());
            }

            using var second = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
            var actual = Streaming.Decode(second, next.Samples, Streaming.SamplesPer100Ms);

            Assert.Equal(1, recognizer.LoadedDecoders);
            Assert.Equal(expected, actual);
            Assert.True(WordErrorRate.Compute(next.Transcript, actual) < 0.55, actual);
        }
    }

    [Fact]
    public async Task Lifecycle_rules_are_enforced()
    {
        var speech = TestAudio.Speak("hello world");
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });

        // No audio at all: an empty transcript, and the decoder is fine afterwards.
        using (var silent = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None))
        {
            silent.Accept([]);
            Assert.Equal("", silent.GetPartial());
            Assert.Equal("", silent.Complete());
        }

        var decoder = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        decoder.Accept(speech);
        var transcript = decoder.Complete();
        // PocketSphinx hears espeak's "hello" poorly; "world" it gets.
        Assert.EndsWith("world", transcript, StringComparison.Ordinal);
        Assert.Equal(transcript, decoder.Complete());
        Assert.Equal(transcript, decoder.GetPartial());
        Assert.Throws<InvalidOperationException>(() => decoder.Accept(speech));

        decoder.Dispose();
        decoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => decoder.GetPartial());
        Assert.Throws<ObjectDisposedException>(() => decoder.Complete());
        Assert.Equal(0, recognizer.DecodersInUse);
        Assert.Equal(1, recognizer.LoadedDecoders);
    }

    [Fact]
    public async Task Only_english_is_accepted()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });

        Assert.Equal("pocketsphinx", recognizer.Name);
        Assert.Equal(["en"], recognizer.SupportedLanguages);
        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await recognizer.StartAsync(new RecognitionOptions("fr"), CancellationToken.None));
        Assert.Contains("\"fr\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, recognizer.LoadedDecoders);
    }
}
