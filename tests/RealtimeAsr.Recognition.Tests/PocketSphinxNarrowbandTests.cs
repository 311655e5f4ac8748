using System.Globalization;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>Audio recorded at 8 kHz (telephony) starts from its own cepstral mean.</summary>
public sealed class PocketSphinxNarrowbandTests(ITestOutputHelper output)
{
    // Measured (Debian 12 libpocketsphinx3 0.8+5prealpha+1-15, en-us models, 100 ms chunks, each clip its own
    // utterance on a freshly reset decoder; the clips downsampled to 8 kHz with sox -R and upsampled by
    // Pcm16InputDecoder(8000), as an 8 kHz session does), per clip 0870 0880 0890 0920 0930, overall of 71 words:
    //   NarrowbandSpeechCepstralMean (the default for SourceSampleRate 8000): 0.500 0.250 0.357 0.263 0.625, 0.394 (28/71)
    //   TypicalSpeechCepstralMean (what 8 kHz sessions got before):           1.000 1.000 1.000 1.000 1.000, 1.000 (71/71)
    //   the model's feat.params: 0.831 (59/71); 40,3,-1: 0.789 (56/71); the same clips at 16 kHz: 0.310 (22/71).
    // With sox's unseeded dither it scored 26 and 27 errors in earlier runs: a word or two is noise. The bounds leave one
    // word of margin on the worst clip (0930: 5 of 8 wrong; 6 is 0.75, 7 would be 0.875) and six overall (34 of
    // 71 is 0.479).
    private const double MaxClipWordErrorRate = 0.80;
    private const double MaxOverallWordErrorRate = 0.48;

    private const string TestData = "/usr/share/pocketsphinx/test/data";

    [Fact]
    public async Task Narrowband_LibriVox_clips_at_8_kHz_decode_within_the_word_error_bound()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        int errors = 0, words = 0;

        foreach (var clip in TestAudio.LibriVoxClips())
        {
            var audio = Narrowband.RoundTrip(clip.Samples);
            using var decoder = await recognizer.StartAsync(new RecognitionOptions("en", SourceSampleRate: 8000), CancellationToken.None);
            var transcript = Streaming.Decode(decoder, audio, Streaming.SamplesPer100Ms);

            var wer = WordErrorRate.Compute(clip.Transcript, transcript);
            var referenceWords = WordErrorRate.Words(clip.Transcript).Length;
            errors += (int)Math.Round(wer * referenceWords);
            words += referenceWords;
            output.WriteLine($"{clip.Name}: WER {wer:F3} \"{transcript}\"");
            Assert.True(wer < MaxClipWordErrorRate, $"{clip.Name}: WER {wer:F3} over {MaxClipWordErrorRate}: \"{transcript}\" for \"{clip.Transcript}\"");
        }

        var overall = (double)errors / words;
        output.WriteLine($"overall WER {overall:F3} ({errors}/{words})");
        Assert.True(overall < MaxOverallWordErrorRate, $"overall WER {overall:F3} over {MaxOverallWordErrorRate}");
    }

    [Fact]
    public async Task The_narrowband_mean_is_used_only_for_source_rates_of_8_kHz_or_less()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1 };
        var wideband = PocketSphinxRecognizer.ParseCepstralMean(options)!;
        var narrowband = PocketSphinxRecognizer.ParseNarrowbandCepstralMean(options)!;
        Assert.NotEqual(wideband, narrowband);
        var speech = TestAudio.LibriVoxClips()[0].Samples.AsSpan(0, 16000).ToArray();
        using var recognizer = new PocketSphinxRecognizer(options);

        // One pooled decoder, so every utterance also shows that the previous one's choice does not stick.
        foreach (var rate in new[] { 8000, 16000, 4000, 8001, 8000, 11025, 8000, 48000, 16000 })
        {
            using var decoder = await recognizer.StartAsync(new RecognitionOptions(SourceSampleRate: rate), CancellationToken.None);
            Assert.Equal(rate <= 8000 ? narrowband : wideband, ((PocketSphinxUtteranceDecoder)decoder).CepstralMean);
            Streaming.Decode(decoder, speech, Streaming.SamplesPer100Ms);
        }

        Assert.Equal(1, recognizer.LoadedDecoders);
    }

    [Fact]
    public async Task Without_a_narrowband_mean_narrowband_utterances_start_from_the_wideband_one()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1, CepstralMeanInit = "50,1,2", NarrowbandCepstralMeanInit = null };
        using var recognizer = new PocketSphinxRecognizer(options);

        using var decoder = await recognizer.StartAsync(new RecognitionOptions(SourceSampleRate: 8000), CancellationToken.None);

        Assert.Equal([50f, 1f, 2f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], ((PocketSphinxUtteranceDecoder)decoder).CepstralMean);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-8000)]
    public async Task A_source_rate_that_is_not_positive_is_rejected(int rate)
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });

        await Assert.ThrowsAsync<ArgumentException>(async () => await recognizer.StartAsync(new RecognitionOptions(SourceSampleRate: rate), CancellationToken.None));
        Assert.Equal(0, recognizer.DecodersInUse);
    }

    /// <summary>
    /// Both default means are what their documentation says: the duration-weighted mean of the cepstral means
    /// PocketSphinx computes over pocketsphinx-testdata's non-LibriVox recordings, as recorded (16 kHz) and through
    /// 8 kHz and back (sox down, the server's Pcm16InputDecoder up).
    /// </summary>
    [Theory]
    [InlineData(false, PocketSphinxOptions.TypicalSpeechCepstralMean)]
    [InlineData(true, PocketSphinxOptions.NarrowbandSpeechCepstralMean)]
    public void The_default_means_are_the_mean_cepstra_of_the_other_test_recordings(bool narrowband, string expected)
    {
        var options = new PocketSphinxOptions();
        using var decoder = PocketSphinxDecoder.Create(PocketSphinxRecognizer.BuildArguments(options), PocketSphinxRecognizer.ParseCepstralMean(options));
        var weighted = new double[decoder.CepstralMean.Length];
        long totalSamples = 0;
        foreach (var recording in OtherTestRecordings())
        {
            var audio = narrowband ? Narrowband.RoundTrip(recording) : recording;
            decoder.StartUtterance(decoder.InitialState);
            decoder.Process(audio);
            decoder.EndUtterance();
            // At the end of an utterance under 800 frames PocketSphinx sets the mean to the mean of all its frames.
            var mean = decoder.CepstralMean;
            for (var i = 0; i < mean.Length; i++)
            {
                weighted[i] += (double)mean[i] * audio.Length;
            }

            totalSamples += audio.Length;
        }

        var measured = weighted.Select(sum => sum / totalSamples).ToArray();
        output.WriteLine(string.Join(",", measured.Select(value => value.ToString("F2", CultureInfo.InvariantCulture))));
        var documented = expected.Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(documented.Length, measured.Length);
        for (var i = 0; i < documented.Length; i++)
        {
            // The constants are rounded to two decimals.
            Assert.True(Math.Abs(measured[i] - documented[i]) <= 0.006, $"c{i}: measured {measured[i]:F4}, documented {documented[i]}");
        }
    }

    private static IEnumerable<short[]> OtherTestRecordings()
    {
        foreach (var raw in new[] { "goforward.raw", "numbers.raw", "something.raw" })
        {
            yield return TestAudio.ToSamples(File.ReadAllBytes(Path.Combine(TestData, raw)));
        }

        for (var i = 1; i <= 5; i++)
        {
            yield return TestAudio.ReadWav(Path.Combine(TestData, "cards", $"{i:000}.wav")).Samples;
        }
    }
}
