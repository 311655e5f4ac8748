using System.Runtime.InteropServices;
using RealtimeAsr.Recognition.PocketSphinx.Native;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One loaded PocketSphinx decoder (models and search state, about 90 MB). Pooled and reused for many
/// utterances; used by one thread at a time.
/// </summary>
/// <remarks>
/// PocketSphinx adapts to the audio it hears and keeps that across utterances: the front end's noise estimate
/// and, above all, the cepstral mean (CMN), which it re-estimates at the end of every utterance. A pooled decoder
/// would then transcribe one user's audio differently depending on what other users said to it before.
/// <see cref="StartUtterance"/> therefore puts the decoder back into the state <c>ps_init</c> left it in:
/// <c>ps_start_stream</c> resets the front end, and the CMN state (type, mean, running sum, frame count), captured
/// right after loading, is written back. This 5prealpha API has no call that resets the CMN (its
/// <c>ps_start_stream</c> does not), so the state is reached through <c>ps_get_feat</c> and sphinxbase's
/// <c>feat_t</c>/<c>cmn_t</c> layout (<see cref="SphinxFeature"/>), which is checked when the decoder loads.
/// </remarks>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    // No cepstrum has more coefficients than this; a larger length means the layout is not what we think.
    private const int MaxCepstrumLength = 64;

    private readonly SphinxConfigHandle _config;
    private readonly SphinxDecoderHandle _decoder;
    // Owned by the decoder and never reallocated (only ps_reinit would), so valid as long as _decoder.
    private readonly SphinxFeature* _feature;
    private readonly int _initialNormalization;
    private readonly float[] _initialMean;
    private readonly float[] _narrowbandInitialMean;
    private readonly float[] _initialVariance;
    private readonly float[] _initialSum;
    private readonly int _initialFrameCount;

    private PocketSphinxDecoder(SphinxConfigHandle config, SphinxDecoderHandle decoder, float[]? initialMean, float[]? narrowbandInitialMean)
    {
        _config = config;
        _decoder = decoder;
        _feature = PocketSphinxNative.GetFeature(decoder);
        var cmn = CheckedCepstralMean(_feature);
        _initialNormalization = _feature->CepstralMeanNormalization;
        var modelMean = new ReadOnlySpan<float>(cmn->Mean, cmn->VectorLength).ToArray();
        _initialMean = InitialMean(initialMean, modelMean, nameof(PocketSphinxOptions.CepstralMeanInit));
        _narrowbandInitialMean = narrowbandInitialMean == null
            ? _initialMean
            : InitialMean(narrowbandInitialMean, modelMean, nameof(PocketSphinxOptions.NarrowbandCepstralMeanInit));
        _initialVariance = new ReadOnlySpan<float>(cmn->Variance, cmn->VectorLength).ToArray();
        _initialSum = new ReadOnlySpan<float>(cmn->Sum, cmn->VectorLength).ToArray();
        _initialFrameCount = cmn->FrameCount;
    }

    /// <summary>Whether an utterance is open (between <see cref="StartUtterance"/> and <see cref="EndUtterance"/>).</summary>
    public bool InUtterance { get; private set; }

    /// <summary>
    /// Parses <paramref name="arguments"/> and loads the models (<c>ps_init</c>). <paramref name="initialMean"/>, if
    /// given, replaces the model's initial cepstral mean (see <see cref="PocketSphinxOptions.CepstralMeanInit"/>);
    /// <paramref name="narrowbandInitialMean"/>, if given, is used instead for narrowband utterances (see
    /// <see cref="PocketSphinxOptions.NarrowbandCepstralMeanInit"/>), which otherwise start from the same mean.
    /// </summary>
    public static PocketSphinxDecoder Create(IReadOnlyList<string> arguments, float[]? initialMean = null, float[]? narrowbandInitialMean = null)
    {
        // The log destination is process-wide in sphinxbase. It is turned off before every parse (parsing already
        // logs); that is idempotent and cheap. Not -logfn per decoder: that reopens and closes the one shared log
        // file, possibly while another decoder is writing to it.
        PocketSphinxNative.SetLogFile(nint.Zero);
        var config = SphinxConfigHandle.Parse(arguments);
        SphinxDecoderHandle? decoder = null;
        try
        {
            decoder = SphinxDecoderHandle.Create(config);
            return new PocketSphinxDecoder(config, decoder, initialMean, narrowbandInitialMean);
        }
        catch
        {
            decoder?.Dispose();
            config.Dispose();
            throw;
        }
    }

    /// <summary>The cepstral mean the next frame would be normalised with (a copy).</summary>
    public float[] CepstralMean => new ReadOnlySpan<float>(_feature->CepstralMean->Mean, _initialMean.Length).ToArray();

    /// <summary>The running sum of the frames normalised since the last update, and their number (copies).</summary>
    public (float[] Sum, int Frames) CepstralSum =>
        (new ReadOnlySpan<float>(_feature->CepstralMean->Sum, _initialMean.Length).ToArray(), _feature->CepstralMean->FrameCount);

    /// <summary>
    /// Resets the decoder to its state right after loading (see the remarks) and starts an utterance, so that its
    /// result depends only on the audio of this utterance.
    /// </summary>
    /// <param name="narrowband">
    /// Whether the audio was recorded at 8 kHz or less (upsampled, nothing above 4 kHz): the utterance then starts
    /// from the narrowband initial mean instead.
    /// </param>
    public void StartUtterance(bool narrowband = false)
    {
        Check(PocketSphinxNative.StartStream(_decoder), "ps_start_stream");
        RestoreInitialCepstralMean(narrowband ? _narrowbandInitialMean : _initialMean);
        Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
        InUtterance = true;
    }

    /// <summary>Decodes more audio as it arrives: search on, not the whole utterance at once.</summary>
    public void Process(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        fixed (short* data = samples)
        {
            Check(PocketSphinxNative.ProcessRaw(_decoder, data, (nuint)samples.Length, noSearch: 0, fullUtterance: 0), "ps_process_raw");
        }
    }

    /// <summary>The best hypothesis so far (or the final one after <see cref="EndUtterance"/>); empty when none.</summary>
    public string GetHypothesis()
    {
        var text = PocketSphinxNative.GetHypothesis(_decoder, out _);
        return text == null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
    }

    /// <summary>Ends the utterance: PocketSphinx runs its final passes over it (<c>ps_end_utt</c>).</summary>
    public void EndUtterance()
    {
        // Marked closed first: if ending fails the decoder is discarded, not ended again.
        InUtterance = false;
        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
    }

    public void Dispose()
    {
        // The decoder holds a reference on the config: the config and its strings go after ps_free.
        _decoder.Dispose();
        _config.Dispose();
    }

    private void RestoreInitialCepstralMean(float[] mean)
    {
        var cmn = _feature->CepstralMean;
        var length = _initialMean.Length;
        mean.CopyTo(new Span<float>(cmn->Mean, length));
        _initialVariance.CopyTo(new Span<float>(cmn->Variance, length));
        _initialSum.CopyTo(new Span<float>(cmn->Sum, length));
        cmn->FrameCount = _initialFrameCount;
        // A fresh decoder's type is the model's (batch for en-us); the first streamed block switches it to live.
        _feature->CepstralMeanNormalization = _initialNormalization;
    }

    /// <summary><paramref name="configured"/> padded with zeros to the model's cepstrum length, or a copy of the model's own.</summary>
    private static float[] InitialMean(float[]? configured, float[] modelMean, string option)
    {
        if (configured == null)
        {
            return (float[])modelMean.Clone();
        }

        if (configured.Length > modelMean.Length)
        {
            throw new InvalidOperationException(
                $"PocketSphinxOptions.{option} has {configured.Length} values, but this acoustic model's cepstra have {modelMean.Length}.");
        }

        // As PocketSphinx's -cmninit: coefficients not given are 0.
        var mean = new float[modelMean.Length];
        configured.CopyTo(mean, 0);
        return mean;
    }

    private static SphinxCepstralMean* CheckedCepstralMean(SphinxFeature* feature)
    {
        var cmn = feature == null ? null : feature->CepstralMean;
        if (cmn == null
            || cmn->Mean == null || cmn->Variance == null || cmn->Sum == null
            || cmn->VectorLength <= 0 || cmn->VectorLength > MaxCepstrumLength || cmn->VectorLength != feature->CepstrumSize
            || cmn->FrameCount < 0
            || feature->CepstralMeanNormalization is < 0 or > 2)
        {
            throw new InvalidOperationException(
                "This libsphinxbase.so.3 does not lay out its feature state (feat_t, cmn_t) as Debian 12's 0.8+5prealpha+1-16 does, "
                + "so decoders could not be reset between utterances. Install Debian's libsphinxbase3 and libpocketsphinx3 (scripts/setup.sh).");
        }

        return cmn;
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"PocketSphinx {function} failed ({result}).");
        }
    }
}
