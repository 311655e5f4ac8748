using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

public sealed class PocketSphinxStreamingTests
{
    private static TestAudio.Clip Clip(string suffix) =>
        TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public async Task Partials_appear_while_audio_streams_in_100_ms_chunks()
    {
        var clip = Clip("0920");
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        using var decoder = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        var stabilizer = new PartialStabilizer();
        var updates = new List<(int Samples, string Text, string Stash)>();

        var transcript = Streaming.Decode(decoder, clip.Samples, Streaming.SamplesPer100Ms, (samples, partial) =>
        {
            if (stabilizer.Update(partial))
            {
                updates.Add((samples, stabilizer.Text, stabilizer.Stash));
            }
        });

        // The clip is 6 s of continuous speech: words show up within the first second or two and keep coming.
        Assert.True(updates.Count >= 10, $"only {updates.Count} partial updates");
        Assert.True(updates[0].Samples <= 2 * RecognitionAudio.SampleRate, $"first partial after {updates[0].Samples} samples");
        var halfway = updates.Where(u => u.Samples <= clip.Samples.Length / 2).ToList();
        Assert.True(halfway.Count >= 3 && halfway[^1].Text.Length > 0, "confirmed words well before the end of the audio");
        for (var i = 1; i < updates.Count; i++)
        {
            Assert.StartsWith(updates[i - 1].Text, updates[i].Text, StringComparison.Ordinal);
        }

        Assert.Equal(transcript, stabilizer.Complete(transcript));
        Assert.True(WordErrorRate.Compute(clip.Transcript, transcript) < 0.55, transcript);
    }

    [Fact]
    public async Task Chunk_size_does_not_change_the_final_words()
    {
        var clip = Clip("0880");
        int[] chunkSizes = [Streaming.SamplesPer100Ms, 593, clip.Samples.Length];
        // One fresh decoder per chunk size, all lent at once: same starting state, so the results must match.
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = chunkSizes.Length });
        var decoders = new List<IUtteranceDecoder>();
        try
        {
            foreach (var _ in chunkSizes)
            {
                decoders.Add(await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None));
            }

            Assert.Equal(chunkSizes.Length, recognizer.LoadedDecoders);
            var transcripts = chunkSizes
                .Select((chunk, i) => Streaming.Decode(decoders[i], clip.Samples, chunk, chunk == clip.Samples.Length ? null : (_, _) => { }))
                .ToList();

            Assert.NotEqual("", transcripts[0]);
            Assert.All(transcripts, transcript => Assert.Equal(transcripts[0], transcript));
        }
        finally
        {
            decoders.ForEach(decoder => decoder.Dispose());
        }
    }

    [Fact]
    public async Task Utterances_decoded_in_parallel_match_each_other()
    {
        var clip = Clip("0880");
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 2 });
        using var first = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
        using var second = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);

        var transcripts = await Task.WhenAll(
            Task.Run(() => Streaming.Decode(first, clip.Samples, Streaming.SamplesPer100Ms, (_, _) => { })),
            Task.Run(() => Streaming.Decode(second, clip.Samples, Streaming.SamplesPer100Ms, (_, _) => { })));

        Assert.Equal(transcripts[0], transcripts[1]);
        Assert.True(WordErrorRate.Compute(clip.Transcript, transcripts[0]) < 0.55, transcripts[0]);
    }
}
