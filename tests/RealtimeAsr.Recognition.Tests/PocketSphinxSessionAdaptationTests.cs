using System.Globalization;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// A recognition session carries PocketSphinx's cepstral mean from one utterance to the next, its first utterance
/// starts from its own measured level, and sessions never share what they learnt.
/// </summary>
public sealed class PocketSphinxSessionAdaptationTests(ITestOutputHelper output)
{
    private static readonly RecognitionOptions s_wideband = new();
    private static readonly RecognitionOptions s_narrowband = new(SourceSampleRate: 8000);

    private static TestAudio.Clip Clip(string suffix) =>
        TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith(suffix, StringComparison.Ordinal));

    private static short[] Quiet(string suffix) => TestSounds.Attenuate24Db(Clip(suffix).Samples);

    [Fact]
    public async Task Sessions_interleaved_on_one_decoder_get_exactly_the_transcripts_they_get_alone()
    {
        string[] clips = ["0880", "0930"];
        var normal = clips.Select(name => Clip(name).Samples).ToList();
        var quiet = clips.Select(Quiet).ToList();
        // One decoder: every utterance of either session runs on it, right after the other session's.
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });

        var normalAlone = await DecodeInSessionAsync(recognizer, normal);
        var quietAlone = await DecodeInSessionAsync(recognizer, quiet);

        using var normalSession = recognizer.CreateSession();
        using var quietSession = recognizer.CreateSession();
        List<string> normalInterleaved = [], quietInterleaved = [];
        for (var i = 0; i < clips.Length; i++)
        {
            normalInterleaved.Add(await DecodeAsync(normalSession, normal[i]));
            quietInterleaved.Add(await DecodeAsync(quietSession, quiet[i]));
        }

        // Control: the quiet clip right after the normal one in the same session, i.e. what a leak between sessions
        // would do. Its transcript must change, or the comparison above could not tell isolated sessions from shared ones.
        var shared = await DecodeInSessionAsync(recognizer, [normal[0], quiet[0]]);

        output.WriteLine($"normal alone: {string.Join(" | ", normalAlone)}");
        output.WriteLine($"quiet alone:  {string.Join(" | ", quietAlone)}");
        output.WriteLine($"quiet after normal in one session: {shared[1]}");
        Assert.Equal(1, recognizer.LoadedDecoders);
        Assert.Equal(normalAlone, normalInterleaved);
        Assert.Equal(quietAlone, quietInterleaved);
        Assert.NotEqual(quietAlone[0], shared[1]);
    }

    [Fact]
    public async Task Later_utterances_of_a_quiet_session_are_recognised_better_than_each_on_its_own()
    {
        // InitialEstimateMs = 0 on both sides: the only difference is what the session carries from one utterance to
        // the next. Standalone utterances start from the typical speech mean, about 24 dB too loud for these clips.
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, InitialEstimateMs = 0 });
        var earlier = Quiet("0930");
        string[] later = ["0880", "0890"];
        var reference = string.Join(' ', later.Select(name => Clip(name).Transcript));

        var inSession = await DecodeInSessionAsync(recognizer, [earlier, .. later.Select(Quiet)]);
        List<string> alone = [];
        foreach (var name in later)
        {
            using var decoder = await recognizer.StartAsync(s_wideband, CancellationToken.None);
            alone.Add(Streaming.Decode(decoder, Quiet(name), Streaming.SamplesPer100Ms));
        }

        var sessionWer = WordErrorRate.Compute(reference, string.Join(' ', inSession.Skip(1)));
        var aloneWer = WordErrorRate.Compute(reference, string.Join(' ', alone));
        var message = string.Create(CultureInfo.InvariantCulture,
            $"quiet clips after an earlier one in the session: WER {sessionWer:F3} ({string.Join(" | ", inSession.Skip(1))}); "
            + $"each alone from the fixed start: WER {aloneWer:F3} ({string.Join(" | ", alone)})");
        output.WriteLine(message);
        // A clear gap, not a word or two (one word is 0.045 of these 22): a fifth of the words.
        Assert.True(sessionWer <= aloneWer - 0.2, message);
    }

    [Fact]
    public async Task The_next_utterance_starts_from_the_mean_the_previous_one_left()
    {
        var options = new PocketSphinxOptions { MaxDecoders = 1 };
        var initial = PocketSphinxRecognizer.ParseCepstralMean(options)!;
        var narrowbandInitial = PocketSphinxRecognizer.ParseNarrowbandCepstralMean(options)!;
        using var recognizer = new PocketSphinxRecognizer(options);
        using var session = recognizer.CreateSession();

        float[] left;
        using (var first = await StartAsync(session, s_wideband))
        {
            Streaming.Decode(first, Quiet("0880"), Streaming.SamplesPer100Ms);
            left = first.CepstralMean;
        }

        // The engine starts an utterance on its decoder with the first audio: an empty Accept starts it.
        float[] next;
        using (var second = await StartAsync(session, s_wideband))
        {
            second.Accept([]);
            next = second.CepstralMean;
        }

        // An 8 kHz utterance of the same session has a state of its own, which nothing has adapted yet.
        float[] narrowband;
        using (var telephony = await StartAsync(session, s_narrowband))
        {
            telephony.Accept([]);
            narrowband = telephony.CepstralMean;
        }

        // The carried state recomputes the mean from PocketSphinx's running sum (decayed past 800 frames): the same
        // as PocketSphinx's own to float rounding.
        Assert.Equal(left, next, (a, b) => Math.Abs(a - b) <= 1e-4f * Math.Max(1, Math.Abs(a)));
        Assert.True(initial[0] - next[0] > 10, $"c0 {next[0]} after a clip 24 dB quieter than the typical {initial[0]}");
        Assert.Equal(narrowbandInitial, narrowband);

        // Without adaptation every utterance starts from the configured mean, whatever came before in the session.
        using var fixedRecognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, AdaptToSession = false });
        using var fixedSession = fixedRecognizer.CreateSession();
        using (var first = await StartAsync(fixedSession, s_wideband))
        {
            Streaming.Decode(first, Quiet("0880"), Streaming.SamplesPer100Ms);
            Assert.NotEqual(initial, first.CepstralMean);
        }

        using var unadapted = await StartAsync(fixedSession, s_wideband);
        unadapted.Accept([]);
        Assert.Equal(initial, unadapted.CepstralMean);
    }

    [Fact]
    public async Task A_discarded_utterance_adapts_its_session_and_an_abandoned_one_does_not()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        var initial = PocketSphinxRecognizer.ParseCepstralMean(new PocketSphinxOptions())!;
        var half = Quiet("0870")[..(3 * RecognitionAudio.SampleRate)];
        using var session = recognizer.CreateSession();
        using (var first = await StartAsync(session, s_wideband))
        {
            Streaming.Decode(first, Quiet("0880"), Streaming.SamplesPer100Ms);
        }

        // Abandoned (set aside to be replayed): the session's next utterance starts where this one did.
        float[] second;
        using (var abandoned = await StartAsync(session, s_wideband))
        {
            abandoned.Accept([]);
            second = abandoned.CepstralMean;
            Streaming.Accept(abandoned, half, Streaming.SamplesPer100Ms);
            abandoned.Abandon();
        }

        // Discarded (disposed before Complete, as by input_audio_buffer.clear): what it heard adapts the session.
        using (var discarded = await StartAsync(session, s_wideband))
        {
            discarded.Accept([]);
            Assert.Equal(second, discarded.CepstralMean);
            Streaming.Accept(discarded, half, Streaming.SamplesPer100Ms);
        }

        using var third = await StartAsync(session, s_wideband);
        third.Accept([]);
        Assert.NotEqual(second, third.CepstralMean);
        Assert.True(initial[0] - third.CepstralMean[0] > 10, $"c0 {third.CepstralMean[0]} after quiet speech");
    }

    [Fact]
    public async Task A_first_utterance_runs_at_its_own_measured_level_after_the_estimate_window()
    {
        var typicalC0 = PocketSphinxRecognizer.ParseCepstralMean(new PocketSphinxOptions())![0];
        Assert.Equal(55.59f, typicalC0);
        // 2 s: well past the 500 ms window even counting only speech frames, well before PocketSphinx's own update
        // of its mean (after 800 frames, 8 s).
        var start = Quiet("0870")[..(2 * RecognitionAudio.SampleRate)];

        float[] estimated;
        using (var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 }))
        {
            using var decoder = await StartAsync(recognizer, s_wideband);
            Streaming.Accept(decoder, start, Streaming.SamplesPer100Ms);
            estimated = decoder.CepstralMean;
            Assert.NotEqual("", decoder.GetPartial());
        }

        float[] fixedStart, fixedEnd;
        using (var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, InitialEstimateMs = 0 }))
        {
            using var decoder = await StartAsync(recognizer, s_wideband);
            Streaming.Accept(decoder, start, Streaming.SamplesPer100Ms);
            fixedStart = decoder.CepstralMean;
            decoder.Complete();
            fixedEnd = decoder.CepstralMean;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"c0: typical {typicalC0}, measured after 2 s {estimated[0]:F2}, fixed start {fixedStart[0]:F2}, PocketSphinx's own after the 2 s {fixedEnd[0]:F2}"));
        // 24 dB quieter is about 28 lower in c0 (1.15 per dB); 15 leaves room for how the level is measured.
        Assert.True(typicalC0 - estimated[0] > 15, $"c0 {estimated[0]} measured on a clip 24 dB quieter than the typical {typicalC0}");
        Assert.Equal(PocketSphinxRecognizer.ParseCepstralMean(new PocketSphinxOptions()), fixedStart);
        Assert.True(typicalC0 - fixedEnd[0] > 15, $"c0 {fixedEnd[0]} after PocketSphinx's update at the end of the utterance");
    }

    [Fact]
    public async Task Word_posteriors_spell_the_hypothesis_and_are_probabilities()
    {
        var options = new PocketSphinxOptions();
        using var decoder = PocketSphinxDecoder.Create(PocketSphinxRecognizer.BuildArguments(options), PocketSphinxRecognizer.ParseCepstralMean(options));
        // With the default thresholds, what the engine returns is the rejection applied to those words.
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        var defaults = new RecognitionRejection(options.MinWordConfidence, options.MinUtteranceConfidence);

        foreach (var clip in TestAudio.LibriVoxClips())
        {
            decoder.StartUtterance(decoder.InitialState);
            decoder.Process(clip.Samples);
            decoder.EndUtterance();
            var hypothesis = decoder.GetHypothesis();
            var words = decoder.GetWordPosteriors();
            output.WriteLine($"{clip.Name}: {string.Join(' ', words.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Word}:{w.Posterior:F3}")))}");

            Assert.NotEqual("", hypothesis);
            Assert.Equal(hypothesis, string.Join(' ', words.Select(w => w.Word)));
            // PocketSphinx adds log probabilities in integer steps of log base 1.0001, so a certain word can come out a
            // few steps above 1 (1.0002 measured).
            Assert.All(words, w => Assert.InRange(w.Posterior, 0, 1.001));
        }

        foreach (var clip in TestAudio.LibriVoxClips().Take(2))
        {
            using var utterance = await StartAsync(recognizer, s_wideband);
            var transcript = Streaming.Decode(utterance, clip.Samples, Streaming.SamplesPer100Ms);
            Assert.NotEmpty(utterance.LastWords);
            Assert.Equal(defaults.Apply(utterance.LastWords), transcript);
        }
    }

    [Fact]
    public void Rejection_with_both_thresholds_zero_keeps_every_word()
    {
        var rejection = new RecognitionRejection(0, 0);

        Assert.False(rejection.Enabled);
        Assert.Equal("he was not", rejection.Apply([("he", 0.0), ("was", 0.5), ("not", 1.0)]));
        Assert.Equal("", rejection.Apply([]));
    }

    [Fact]
    public void Rejection_drops_words_below_the_word_threshold()
    {
        var rejection = new RecognitionRejection(MinWordConfidence: 0.01, MinUtteranceConfidence: 0);

        Assert.True(rejection.Enabled);
        Assert.Equal("he not", rejection.Apply([("he", 0.9), ("was", 0.009), ("not", 0.01)]));
        Assert.Equal("", rejection.Apply([("oh", 0.005)]));
        Assert.Equal("", rejection.Apply([]));
    }

    [Fact]
    public void Rejection_drops_the_utterance_when_the_mean_posterior_is_below_the_utterance_threshold()
    {
        var rejection = new RecognitionRejection(MinWordConfidence: 0, MinUtteranceConfidence: 0.1);

        Assert.True(rejection.Enabled);
        // Mean 0.038: the sweep PocketSphinx heard as words (docs/ACCURACY.md).
        Assert.Equal("", rejection.Apply([("ooh", 0.061), ("oh", 0.015)]));
        // One confident word carries a doubtful one: the mean decides, not the weakest word.
        Assert.Equal("ooh oh", rejection.Apply([("ooh", 0.19), ("oh", 0.015)]));
        Assert.Equal("up", rejection.Apply([("up", 0.1)]));
        Assert.Equal("", rejection.Apply([("up", 0.099)]));
    }

    [Fact]
    public void Rejection_averages_over_every_word_before_dropping_the_weak_ones()
    {
        var rejection = new RecognitionRejection(MinWordConfidence: 0.01, MinUtteranceConfidence: 0.1);

        // Mean (0.28 + 0.005 + 0.005) / 3 = 0.0967: dropped whole, though the one word left would be confident.
        Assert.Equal("", rejection.Apply([("a", 0.28), ("b", 0.005), ("c", 0.005)]));
        // Mean 0.107: kept, without the two weak words.
        Assert.Equal("a", rejection.Apply([("a", 0.31), ("b", 0.005), ("c", 0.005)]));
    }

    [Fact]
    public void Confidence_thresholds_outside_0_to_1_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { MinWordConfidence = -0.1 }));
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { MinUtteranceConfidence = 1.5 }));
        Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { MinWordConfidence = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions { InitialEstimateMs = -1 }));
    }

    private static async Task<List<string>> DecodeInSessionAsync(PocketSphinxRecognizer recognizer, IEnumerable<short[]> utterances)
    {
        using var session = recognizer.CreateSession();
        List<string> transcripts = [];
        foreach (var audio in utterances)
        {
            transcripts.Add(await DecodeAsync(session, audio));
        }

        return transcripts;
    }

    private static async Task<string> DecodeAsync(IRecognitionSession session, short[] audio)
    {
        using var decoder = await session.StartUtteranceAsync(s_wideband, CancellationToken.None);
        return Streaming.Decode(decoder, audio, Streaming.SamplesPer100Ms);
    }

    private static async Task<PocketSphinxUtteranceDecoder> StartAsync(IRecognitionSession session, RecognitionOptions options) =>
        (PocketSphinxUtteranceDecoder)await session.StartUtteranceAsync(options, CancellationToken.None);

    private static async Task<PocketSphinxUtteranceDecoder> StartAsync(PocketSphinxRecognizer recognizer, RecognitionOptions options) =>
        (PocketSphinxUtteranceDecoder)await recognizer.StartAsync(options, CancellationToken.None);
}
