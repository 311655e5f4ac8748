using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>The decoder pool, seen through <see cref="PocketSphinxRecognizer"/>: real decoders, real audio.</summary>
public sealed class DecoderPoolTests
{
    private static readonly TimeSpan s_generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_waits_while_all_decoders_are_lent_and_reuses_the_one_given_back()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 2 });
        var first = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        using var second = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);

        var third = recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None).AsTask();
        await Task.Delay(300);

        Assert.False(third.IsCompleted, "a third utterance got a decoder while two of two were lent");
        Assert.Equal(2, recognizer.DecodersInUse);

        first.Dispose();
        using var thirdDecoder = await third.WaitAsync(s_generous);
        Assert.Equal(2, recognizer.LoadedDecoders);
        Assert.Equal(2, recognizer.DecodersInUse);
    }

    [Fact]
    public async Task Waiting_for_a_decoder_can_be_cancelled_without_losing_the_slot()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        var held = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await recognizer.StartAsync(new RecognitionOptions(), cancellation.Token));

        held.Dispose();
        using var next = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None).AsTask().WaitAsync(s_generous);
        Assert.Equal(1, recognizer.LoadedDecoders);
    }

    [Fact]
    public async Task Concurrent_utterances_never_hold_more_than_MaxDecoders()
    {
        const int maxDecoders = 2;
        var speech = TestAudio.LibriVoxClips()[3].Samples[..RecognitionAudio.SampleRate];
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = maxDecoders });
        var active = 0;
        var mostActive = 0;

        var transcripts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            using var decoder = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref mostActive, now);
            Assert.True(recognizer.DecodersInUse <= maxDecoders);
            var transcript = Streaming.Decode(decoder, speech, Streaming.SamplesPer100Ms, (_, _) => { });
            Interlocked.Decrement(ref active);
            return transcript;
        })));

        Assert.InRange(mostActive, 1, maxDecoders);
        Assert.InRange(recognizer.LoadedDecoders, 1, maxDecoders);
        Assert.Equal(0, recognizer.DecodersInUse);
        Assert.All(transcripts, transcript => Assert.NotEqual("", transcript));
    }

    [Fact]
    public async Task Warm_loads_one_decoder_that_the_first_utterance_uses_and_a_spare_follows()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 3 });
        Assert.Equal(0, recognizer.LoadedDecoders);

        recognizer.Warm();
        recognizer.Warm();
        Assert.Equal(1, recognizer.LoadedDecoders);

        var first = recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        Assert.True(first.IsCompletedSuccessfully, "the first utterance waited although a decoder was idle");
        using var decoder = await first;
        Assert.Equal(1, recognizer.DecodersInUse);
        // The last idle decoder was lent: a spare loads in the background, and no more.
        Assert.True(await Eventually.HoldsAsync(() => recognizer.LoadedDecoders == 2), "no spare decoder was loaded");
        using var second = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        Assert.True(await Eventually.HoldsAsync(() => recognizer.LoadedDecoders == 3), "no spare decoder was loaded");
        Assert.Equal(2, recognizer.DecodersInUse);
    }

    [Fact]
    public async Task Disposing_the_recognizer_fails_waiters_and_frees_lent_decoders_when_given_back()
    {
        var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        var held = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        var waiting = recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None).AsTask();

        recognizer.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(s_generous));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None));
        Assert.Equal(1, recognizer.LoadedDecoders);
        held.Dispose();
        Assert.Equal(0, recognizer.LoadedDecoders);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
