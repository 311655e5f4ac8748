namespace RealtimeAsr.Recognition.PocketSphinx.Native;

/// <summary>
/// The scalar fields of a decoder's <c>feat_t</c> (<see cref="SphinxFeature"/>) as its configuration determines them:
/// <c>-ceplen</c>, <c>-cmn</c>, <c>-varnorm</c> and <c>-agc</c> of the arguments with the model's <c>feat.params</c>
/// merged over them, converted by sphinxbase's own functions. Read through the public configuration API, so it can be
/// trusted before anything in <c>feat_t</c> is.
/// </summary>
/// <param name="CepstrumLength"><c>-ceplen</c>: <c>feat_t.cepsize</c>.</param>
/// <param name="CepstralMeanType"><c>-cmn</c> as a <c>cmn_type_t</c>: <c>feat_t.cmn</c> (0 none, 1 batch, 2 live).</param>
/// <param name="VarianceNormalization"><c>-varnorm</c>: <c>feat_t.varnorm</c> (0 or 1).</param>
/// <param name="GainControlType"><c>-agc</c> as an <c>agc_type_t</c>: <c>feat_t.agc</c>.</param>
internal readonly record struct FeatureConfiguration(int CepstrumLength, int CepstralMeanType, int VarianceNormalization, int GainControlType)
{
    /// <summary><c>CMN_NONE</c>: <c>-cmn none</c>, no cepstral mean normalisation and no <c>cmn_t</c>.</summary>
    public const int NoCepstralMeanNormalization = 0;

    /// <summary>What <paramref name="decoder"/>'s configuration says its feature computer holds.</summary>
    /// <exception cref="InvalidOperationException">The configuration lacks one of the values.</exception>
    public static unsafe FeatureConfiguration Of(SphinxDecoderHandle decoder)
    {
        var config = PocketSphinxNative.GetConfig(decoder);
        var cmn = config == 0 ? null : PocketSphinxNative.GetStringArgument(config, "-cmn");
        var agc = config == 0 ? null : PocketSphinxNative.GetStringArgument(config, "-agc");
        if (cmn == null || agc == null)
        {
            throw new InvalidOperationException("PocketSphinx's configuration has no -cmn or -agc; this is not the 5prealpha library it was built for.");
        }

        // ps_init has already converted both names the same way, so they are known ones (unknown ones exit the process).
        return new FeatureConfiguration(
            (int)PocketSphinxNative.GetIntegerArgument(config, "-ceplen"),
            PocketSphinxNative.CepstralMeanTypeFromName(cmn),
            PocketSphinxNative.GetIntegerArgument(config, "-varnorm") != 0 ? 1 : 0,
            PocketSphinxNative.GainControlTypeFromName(agc));
    }

    public override string ToString() =>
        $"ceplen {CepstrumLength}, cmn {CepstralMeanType}, varnorm {VarianceNormalization}, agc {GainControlType}";
}
