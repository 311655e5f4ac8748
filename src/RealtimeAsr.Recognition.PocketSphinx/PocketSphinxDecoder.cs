using System.Runtime.InteropServices;
using RealtimeAsr.Recognition.PocketSphinx.Native;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One loaded PocketSphinx decoder (models and search state, about 90 MB). Pooled and reused for many
/// utterances; used by one thread at a time.
/// </summary>
/// <remarks>
/// PocketSphinx adapts to the audio it hears and keeps that across utterances: the front end's noise estimate and,
/// above all, the cepstral mean (CMN), which it re-estimates at the end of every utterance. A pooled decoder would
/// then transcribe one user's audio differently depending on what other users said to it before.
/// <see cref="StartUtterance"/> therefore sets the decoder's state explicitly: <c>ps_start_stream</c> resets the front
/// end, and the CMN state (mean, running sum, frame count) is written from a <see cref="CepstralMeanState"/>: the
/// configured initial one, or what the same session's previous utterance left (<see cref="CaptureCepstralMean"/>).
/// This 5prealpha API has no call that sets the CMN state (its <c>ps_start_stream</c> does not touch it), so it is
/// reached through <c>ps_get_feat</c> and sphinxbase's <c>feat_t</c>/<c>cmn_t</c> layout (<see cref="SphinxFeature"/>),
/// which is checked against the decoder's configuration when the decoder loads, before any pointer in it is followed.
/// With <c>-cmn none</c> there is no CMN state: utterances start as loaded and nothing adapts.
/// </remarks>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    // No cepstrum has more coefficients than this; a larger length means the layout is not what we think.
    private const int MaxCepstrumLength = 64;

    private readonly SphinxConfigHandle _config;
    private readonly SphinxDecoderHandle _decoder;
    // Owned by the decoder and never reallocated (only ps_reinit would), so valid as long as _decoder.
    private readonly SphinxFeature* _feature;
    // The live CMN state inside _feature; null with -cmn none.
    private readonly SphinxCepstralMean* _cepstralMean;
    private readonly int _initialNormalization;
    private readonly float[] _initialVariance = [];

    private PocketSphinxDecoder(SphinxConfigHandle config, SphinxDecoderHandle decoder, float[]? initialMean, float[]? narrowbandInitialMean)
    {
        _config = config;
        _decoder = decoder;
        _feature = PocketSphinxNative.GetFeature(decoder);
        _cepstralMean = CheckedCepstralMean(_feature, FeatureConfiguration.Of(decoder));
        _initialNormalization = _feature->CepstralMeanNormalization;
        var cmn = _cepstralMean;
        if (cmn == null)
        {
            // -cmn none: nothing to set and nothing to adapt; the configured initial means do not apply.
            InitialState = NarrowbandInitialState = CepstralMeanState.Prior([], 0);
            return;
        }

        var modelMean = new ReadOnlySpan<float>(cmn->Mean, cmn->VectorLength).ToArray();
        // As ps_init leaves it (none for the en-us model): how many frames the initial mean counts for.
        var priorFrames = cmn->FrameCount;
        InitialState = CepstralMeanState.Prior(InitialMean(initialMean, modelMean, nameof(PocketSphinxOptions.CepstralMeanInit)), priorFrames);
        NarrowbandInitialState = narrowbandInitialMean == null
            ? InitialState
            : CepstralMeanState.Prior(InitialMean(narrowbandInitialMean, modelMean, nameof(PocketSphinxOptions.NarrowbandCepstralMeanInit)), priorFrames);
        _initialVariance = new ReadOnlySpan<float>(cmn->Variance, cmn->VectorLength).ToArray();
    }

    /// <summary>Where an utterance of a new session starts: the configured initial mean as PocketSphinx's prior.</summary>
    public CepstralMeanState InitialState { get; }

    /// <summary>As <see cref="InitialState"/>, for narrowband audio (recorded at 8 kHz or less).</summary>
    public CepstralMeanState NarrowbandInitialState { get; }

    /// <summary>
    /// Whether the decoder normalises with a cepstral mean that utterances start from and adapt; <see langword="false"/>
    /// with <c>-cmn none</c>, where <see cref="InitialState"/> is empty and setting or capturing it does nothing.
    /// </summary>
    public bool HasCepstralMean => _cepstralMean != null;

    /// <summary>
    /// Whether an utterance is open (between <see cref="StartUtterance"/> and <see cref="EndUtterance"/>). A decoder goes
    /// back to its pool with its utterance still open when the utterance was discarded: the next
    /// <see cref="StartUtterance"/> ends it.
    /// </summary>
    public bool InUtterance { get; private set; }

    /// <summary>Samples processed since the open utterance started (0 when none is open).</summary>
    public long UtteranceSamples { get; private set; }

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
    public float[] CepstralMean => _cepstralMean == null ? [] : new ReadOnlySpan<float>(_cepstralMean->Mean, InitialState.Mean.Length).ToArray();

    /// <summary>The running sum of the frames normalised since the last update, and their number (copies).</summary>
    public (float[] Sum, int Frames) CepstralSum => _cepstralMean == null
        ? ([], 0)
        : (new ReadOnlySpan<float>(_cepstralMean->Sum, InitialState.Mean.Length).ToArray(), _cepstralMean->FrameCount);

    /// <summary>
    /// The cepstral mean normalisation state now, as the next utterance should start from it: the mean updated with
    /// every frame heard so far, as PocketSphinx does at the end of an utterance (a copy).
    /// </summary>
    public CepstralMeanState CaptureCepstralMean()
    {
        var cmn = _cepstralMean;
        if (cmn == null)
        {
            return InitialState;
        }

        var length = InitialState.Mean.Length;
        return CepstralMeanState.Updated(
            new ReadOnlySpan<float>(cmn->Mean, length), new ReadOnlySpan<float>(cmn->Sum, length), cmn->FrameCount);
    }

    /// <summary>Copies the running sum of CMN into <paramref name="sum"/>; returns the number of frames it counts.</summary>
    public int ReadCepstralSum(Span<float> sum)
    {
        var cmn = _cepstralMean;
        if (cmn == null)
        {
            return 0;
        }

        new ReadOnlySpan<float>(cmn->Sum, sum.Length).CopyTo(sum);
        return cmn->FrameCount;
    }

    /// <summary>
    /// Starts an utterance from <paramref name="start"/>: the front end is reset (<c>ps_start_stream</c>) and the
    /// cepstral mean normalisation state is set to it, so that the result depends only on this utterance's audio and
    /// on <paramref name="start"/>, never on what the decoder heard before. An utterance left open by a discard is
    /// ended first (PocketSphinx 5prealpha requires <c>ps_end_utt</c> before <c>ps_start_utt</c>): its final pass is
    /// paid here, by the caller that needs the decoder and runs on a recognition worker, not where it was discarded.
    /// </summary>
    public void StartUtterance(CepstralMeanState start)
    {
        if (InUtterance)
        {
            EndUtterance();
        }

        Check(PocketSphinxNative.StartStream(_decoder), "ps_start_stream");
        RestoreCepstralMean(start);
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

        UtteranceSamples += samples.Length;
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
        UtteranceSamples = 0;
        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
    }

    /// <summary>
    /// The words of the best hypothesis after <see cref="EndUtterance"/>, each with its posterior probability in the
    /// lattice (0-1), fillers (silence, noise) left out, as <c>ps_get_hyp</c> leaves them out.
    /// </summary>
    public IReadOnlyList<(string Word, double Posterior)> GetWordPosteriors()
    {
        var logMath = PocketSphinxNative.GetLogMath(_decoder);
        List<(string, double)> words = [];
        for (var segment = PocketSphinxNative.FirstSegment(_decoder); segment != nint.Zero; segment = PocketSphinxNative.NextSegment(segment))
        {
            var word = Marshal.PtrToStringUTF8((nint)PocketSphinxNative.SegmentWord(segment)) ?? "";
            if (!IsFiller(word))
            {
                var posterior = PocketSphinxNative.SegmentPosterior(segment, out _, out _, out _);
                // PocketSphinx's integer log arithmetic can round a certain word to just above 1.
                words.Add((BaseWord(word), Math.Min(1.0, PocketSphinxNative.LogMathExp(logMath, posterior))));
            }
        }

        return words;
    }

    // Fillers are <s>, </s>, <sil> and the noise words in brackets; ps_get_hyp leaves them out too.
    private static bool IsFiller(string word) => word.Length == 0 || word[0] is '<' or '[' || word == "(NULL)";

    // Alternative pronunciations are numbered in the dictionary: "read(2)" is the word "read".
    private static string BaseWord(string word)
    {
        var open = word.IndexOf('(', StringComparison.Ordinal);
        return open > 0 && word.EndsWith(')') ? word[..open] : word;
    }

    public void Dispose()
    {
        // The decoder holds a reference on the config: the config and its strings go after ps_free.
        _decoder.Dispose();
        _config.Dispose();
    }

    private void RestoreCepstralMean(CepstralMeanState state)
    {
        var cmn = _cepstralMean;
        if (cmn == null)
        {
            return;
        }

        var length = InitialState.Mean.Length;
        state.Mean.CopyTo(new Span<float>(cmn->Mean, length));
        _initialVariance.CopyTo(new Span<float>(cmn->Variance, length));
        state.Sum.CopyTo(new Span<float>(cmn->Sum, length));
        cmn->FrameCount = state.FrameCount;
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

    /// <summary>
    /// The decoder's live CMN state, once <paramref name="feature"/> is known to be laid out as <see cref="SphinxFeature"/>
    /// declares. Its scalar fields come first: they lie in memory the library allocated for the structure whatever its
    /// layout, and must hold what the decoder's configuration says (<paramref name="expected"/>, read through the public
    /// <c>cmd_ln</c> API). Only then is the <c>cmn_struct</c> pointer followed, and what it points to checked in turn.
    /// <see langword="null"/> with <c>-cmn none</c>, where there is no CMN state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layout is not the expected one.</exception>
    internal static SphinxCepstralMean* CheckedCepstralMean(SphinxFeature* feature, FeatureConfiguration expected)
    {
        if (feature == null)
        {
            throw LayoutMismatch("ps_get_feat returned nothing");
        }

        var found = new FeatureConfiguration(
            feature->CepstrumSize, feature->CepstralMeanNormalization, feature->VarianceNormalization, feature->GainControl);
        if (found != expected || feature->ReferenceCount < 1 || expected.CepstrumLength is <= 0 or > MaxCepstrumLength)
        {
            throw LayoutMismatch($"its feat_t reads {found} where the decoder's configuration says {expected}");
        }

        if (expected.CepstralMeanType == FeatureConfiguration.NoCepstralMeanNormalization)
        {
            // -cmn none: sphinxbase allocates no cmn_t, and nothing reads one.
            return null;
        }

        var cmn = feature->CepstralMean;
        if (cmn == null
            || cmn->Mean == null || cmn->Variance == null || cmn->Sum == null
            || cmn->VectorLength != feature->CepstrumSize
            || cmn->FrameCount < 0)
        {
            throw LayoutMismatch("its cmn_t does not hold a mean, a variance and a sum of the cepstrum's length");
        }

        return cmn;
    }

    private static InvalidOperationException LayoutMismatch(string detail) => new(
        "This libsphinxbase.so.3 does not lay out its feature state (feat_t, cmn_t) as Debian 12's 0.8+5prealpha+1-16 does "
        + $"({detail}), so decoders could not be reset between utterances. Install Debian's libsphinxbase3 and libpocketsphinx3 (scripts/setup.sh).");

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"PocketSphinx {function} failed ({result}).");
        }
    }
}
