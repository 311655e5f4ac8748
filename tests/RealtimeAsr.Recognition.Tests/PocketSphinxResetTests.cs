using System.Globalization;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>Every utterance starts from the decoder's freshly loaded state, whatever the decoder heard before.</summary>
public sealed class PocketSphinxResetTests
{
    private static TestAudio.Clip Clip(string suffix) =>
        TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public async Task The_same_clip_gives_the_same_words_and_partials_whatever_the_pooled_decoder_heard_before()
    {
        // 0880 rather than 0930: decoded on its own (a session's first utterance, level measured over its first
        // 500 ms) 0930 comes out as "he might even have been made a real boy i'm self taught", over the sanity bound
        // below; 0880 stays within it.
        var target = Clip("0880");
        // Histories that pull a decoder's adaptation in different directions: other speakers' clips, synthetic
        // speech, a clip at 1/8 of its level (c0 far lower), an utterance abandoned halfway.
        var quiet = Clip("0870").Samples.Select(sample => (short)(sample / 8)).ToArray();
        short[][][] histories =
        [
            [],
            [Clip("0870").Samples, Clip("0930").Samples, Clip("0890").Samples, Clip("0920").Samples],
            [quiet, TestAudio.Speak("the quick brown fox jumps over the lazy dog")],
            [target.Samples, quiet],
        ];
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });

        List<(string Transcript, List<string> Partials)> results = [];
        foreach (var history in histories)
        {
            foreach (var audio in history)
            {
                using var earlier = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
                Streaming.Decode(earlier, audio, Streaming.SamplesPer100Ms);
            }

            using (var abandoned = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None))
            {
                if (history.Length > 0)
                {
                    Streaming.Accept(abandoned, history[0].AsSpan(0, history[0].Length / 2), Streaming.SamplesPer100Ms);
                }
            }

            List<string> partials = [];
            using var decoder = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None);
            var transcript = Streaming.Decode(decoder, target.Samples, Streaming.SamplesPer100Ms, (_, partial) => partials.Add(partial));
            results.Add((transcript, partials));
        }

        Assert.Equal(1, recognizer.LoadedDecoders);
        Assert.True(WordErrorRate.Compute(target.Transcript, results[0].Transcript) < 0.55, results[0].Transcript);
        foreach (var (transcript, partials) in results.Skip(1))
        {
            Assert.Equal(results[0].Transcript, transcript);
            Assert.Equal(results[0].Partials, partials);
        }
    }

    [Fact]
    public async Task Concurrent_decoders_give_the_same_words_as_a_used_one()
    {
        var target = Clip("0890");
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 3 });

        // One decoder hears other audio first; then three decode the target at once (two of them fresh).
        using (var first = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None))
        {
            Streaming.Decode(first, Clip("0920").Samples, Streaming.SamplesPer100Ms);
        }

        var decoders = new List<IUtteranceDecoder>();
        for (var i = 0; i < 3; i++)
        {
            decoders.Add(await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None));
        }

        var transcripts = await Task.WhenAll(decoders.Select(decoder => Task.Run(() => Streaming.Decode(decoder, target.Samples, Streaming.SamplesPer100Ms))));
        decoders.ForEach(decoder => decoder.Dispose());

        Assert.Equal(3, recognizer.LoadedDecoders);
        Assert.All(transcripts, transcript => Assert.Equal(transcripts[0], transcript));
    }

    [Fact]
    public void Starting_an_utterance_restores_the_initial_cepstral_mean()
    {
        var options = new PocketSphinxOptions();
        var initial = PocketSphinxRecognizer.ParseCepstralMean(options)!;
        using var decoder = PocketSphinxDecoder.Create(PocketSphinxRecognizer.BuildArguments(options), initial);

        decoder.StartUtterance(decoder.InitialState);
        Assert.Equal(initial, decoder.CepstralMean);
        decoder.Process(Clip("0880").Samples);
        decoder.EndUtterance();
        // PocketSphinx re-estimated the mean from the utterance.
        Assert.NotEqual(initial, decoder.CepstralMean);
        Assert.NotEqual(0, decoder.CepstralSum.Frames);

        decoder.StartUtterance(decoder.InitialState);

        Assert.Equal(initial, decoder.CepstralMean);
        Assert.Equal((new float[initial.Length], 0), (decoder.CepstralSum.Sum, decoder.CepstralSum.Frames), new SumComparer());
        decoder.EndUtterance();
    }

    [Fact]
    public void Without_a_cepstral_mean_option_the_models_own_is_used()
    {
        var options = new PocketSphinxOptions { CepstralMeanInit = null };
        var featureParameters = File.ReadAllLines(Path.Combine(options.AcousticModelDirectory, "feat.params"));
        var modelMean = featureParameters.Single(line => line.StartsWith("-cmninit ", StringComparison.Ordinal))["-cmninit ".Length..]
            .Split(',').Select(value => float.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        using var decoder = PocketSphinxDecoder.Create(PocketSphinxRecognizer.BuildArguments(options), PocketSphinxRecognizer.ParseCepstralMean(options));

        decoder.StartUtterance(decoder.InitialState);
        Assert.Equal(modelMean, decoder.CepstralMean);
        decoder.Process(Clip("0880").Samples);
        decoder.EndUtterance();
        decoder.StartUtterance(decoder.InitialState);

        Assert.Equal(modelMean, decoder.CepstralMean);
        decoder.EndUtterance();
    }

    [Fact]
    public void Fewer_values_leave_the_other_coefficients_at_zero()
    {
        var options = new PocketSphinxOptions { CepstralMeanInit = "40, 3,-1" };
        using var decoder = PocketSphinxDecoder.Create(PocketSphinxRecognizer.BuildArguments(options), PocketSphinxRecognizer.ParseCepstralMean(options));

        decoder.StartUtterance(decoder.InitialState);

        Assert.Equal([40f, 3f, -1f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], decoder.CepstralMean);
        decoder.EndUtterance();
    }

    private sealed class SumComparer : IEqualityComparer<(float[] Sum, int Frames)>
    {
        public bool Equals((float[] Sum, int Frames) x, (float[] Sum, int Frames) y) => x.Frames == y.Frames && x.Sum.SequenceEqual(y.Sum);

        public int GetHashCode((float[] Sum, int Frames) obj) => obj.Frames;
    }
}
