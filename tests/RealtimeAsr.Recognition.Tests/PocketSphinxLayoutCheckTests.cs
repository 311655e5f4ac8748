using System.Runtime.InteropServices;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Recognition.PocketSphinx.Native;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// The check of sphinxbase's private <c>feat_t</c>/<c>cmn_t</c> layout refuses a mismatch from the scalar fields alone,
/// before it follows a pointer; <c>-cmn none</c> models work (with nothing to adapt); and arguments the model's
/// <c>feat.params</c> would silently override are refused with that reason.
/// </summary>
public sealed class PocketSphinxLayoutCheckTests
{
    private static readonly FeatureConfiguration s_debianModel = new(CepstrumLength: 13, CepstralMeanType: 1, VarianceNormalization: 0, GainControlType: 0);

    [Theory]
    [InlineData(20, 1, 0, 0)] // the cepstrum length read from another field
    [InlineData(13, 2, 0, 0)] // another CMN type
    [InlineData(13, 1, 7, 0)] // garbage where varnorm should be
    [InlineData(13, 1, 0, 3)] // garbage where agc should be
    public unsafe void A_feature_state_that_disagrees_with_the_configuration_is_refused(int cepstrumSize, int cmn, int varnorm, int agc)
    {
        // A cmn_t that would pass every check on its own: the mismatch must be found in feat_t's own fields.
        using var memory = new FakeFeature(cepstrumSize, cmn, varnorm, agc);

        var error = Refusal(memory.Feature, s_debianModel);

        Assert.NotNull(error);
        Assert.Contains("does not lay out its feature state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public unsafe void A_feature_state_that_agrees_is_accepted()
    {
        using var memory = new FakeFeature(13, 1, 0, 0);

        Assert.True(PocketSphinxDecoder.CheckedCepstralMean(memory.Feature, s_debianModel) == memory.CepstralMean);
    }

    [Fact]
    public unsafe void Without_cepstral_mean_normalisation_no_cmn_t_is_expected_or_followed()
    {
        using var memory = new FakeFeature(13, 0, 0, 0, cepstralMean: false);

        Assert.True(PocketSphinxDecoder.CheckedCepstralMean(memory.Feature, s_debianModel with { CepstralMeanType = 0 }) == null);
    }

    [Fact]
    public async Task A_model_without_cepstral_mean_normalisation_loads_and_decodes_with_nothing_to_adapt()
    {
        var model = Directory.CreateTempSubdirectory("realtimeasr-cmn-none-");
        try
        {
            var original = new PocketSphinxOptions().AcousticModelDirectory;
            foreach (var file in Directory.GetFiles(original))
            {
                if (Path.GetFileName(file) != "feat.params")
                {
                    File.CreateSymbolicLink(Path.Combine(model.FullName, Path.GetFileName(file)), file);
                }
            }

            var parameters = File.ReadAllLines(Path.Combine(original, "feat.params"))
                .Select(line => line.StartsWith("-cmn ", StringComparison.Ordinal) ? "-cmn none" : line);
            File.WriteAllLines(Path.Combine(model.FullName, "feat.params"), parameters);
            using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { AcousticModelDirectory = model.FullName, MaxDecoders = 1 });
            recognizer.Warm();

            var clip = TestAudio.LibriVoxClips()[1].Samples;
            using var session = recognizer.CreateSession();
            List<string> transcripts = [];
            for (var i = 0; i < 2; i++)
            {
                using var decoder = await session.StartUtteranceAsync(new RecognitionOptions(), CancellationToken.None);
                transcripts.Add(Streaming.Decode(decoder, clip, Streaming.SamplesPer100Ms));
            }

            using (var alone = await recognizer.StartAsync(new RecognitionOptions(), CancellationToken.None))
            {
                transcripts.Add(Streaming.Decode(alone, clip, Streaming.SamplesPer100Ms));
            }

            // Nothing adapts: the session's second utterance and a standalone one hear the clip as its first did.
            Assert.All(transcripts, transcript => Assert.Equal(transcripts[0], transcript));
        }
        finally
        {
            model.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("-cmn", "none")]
    [InlineData("-agc", "max")]
    [InlineData("-varnorm", "yes")]
    public void Arguments_that_the_models_feat_params_overrides_are_refused_with_the_reason(string name, string value)
    {
        var options = new PocketSphinxOptions();
        options.AdditionalArguments[name] = value;

        var error = Assert.Throws<ArgumentException>(() => new PocketSphinxRecognizer(options));

        Assert.Contains("feat.params", error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    private static unsafe InvalidOperationException? Refusal(SphinxFeature* feature, FeatureConfiguration expected)
    {
        try
        {
            PocketSphinxDecoder.CheckedCepstralMean(feature, expected);
            return null;
        }
        catch (InvalidOperationException error)
        {
            return error;
        }
    }

    /// <summary>A <c>feat_t</c> and, unless told otherwise, a consistent <c>cmn_t</c> in native memory.</summary>
    private sealed unsafe class FakeFeature : IDisposable
    {
        private readonly float* _vectors;

        public FakeFeature(int cepstrumSize, int cmn, int varnorm, int agc, bool cepstralMean = true)
        {
            Feature = (SphinxFeature*)NativeMemory.AllocZeroed((nuint)sizeof(SphinxFeature));
            Feature->ReferenceCount = 1;
            Feature->CepstrumSize = cepstrumSize;
            Feature->StreamCount = 1;
            Feature->CepstralMeanNormalization = cmn;
            Feature->VarianceNormalization = varnorm;
            Feature->GainControl = agc;
            if (cepstralMean)
            {
                _vectors = (float*)NativeMemory.AllocZeroed((nuint)(3 * cepstrumSize * sizeof(float)));
                CepstralMean = (SphinxCepstralMean*)NativeMemory.AllocZeroed((nuint)sizeof(SphinxCepstralMean));
                CepstralMean->Mean = _vectors;
                CepstralMean->Variance = _vectors + cepstrumSize;
                CepstralMean->Sum = _vectors + (2 * cepstrumSize);
                CepstralMean->VectorLength = cepstrumSize;
                Feature->CepstralMean = CepstralMean;
            }
        }

        public SphinxFeature* Feature { get; }

        public SphinxCepstralMean* CepstralMean { get; }

        public void Dispose()
        {
            NativeMemory.Free(CepstralMean);
            NativeMemory.Free(_vectors);
            NativeMemory.Free(Feature);
        }
    }
}
