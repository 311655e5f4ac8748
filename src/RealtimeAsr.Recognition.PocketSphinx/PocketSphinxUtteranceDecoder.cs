namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One utterance on a decoder borrowed from the <see cref="DecoderPool"/>; disposing gives the decoder back,
/// ending the utterance first if <see cref="Complete"/> was not called. When the utterance ends, the cepstral mean
/// it leaves is handed to <c>adapted</c> (the session's <see cref="PocketSphinxRecognitionSession"/>).
/// </summary>
/// <remarks>
/// A session's first utterance has nothing to start from but the configured typical mean, far off for a quiet or
/// loud microphone. With an estimate window, its first audio is decoded from that mean while PocketSphinx measures the
/// session's own; once the window is full the decoder restarts the utterance from the measured mean and decodes the
/// window again. That costs the window's decoding once per session and delays the first partial by the window.
/// </remarks>
internal sealed class PocketSphinxUtteranceDecoder : IUtteranceDecoder
{
    private readonly DecoderPool _pool;
    private readonly PocketSphinxDecoder _decoderLent;
    private readonly RecognitionRejection _rejection;
    private readonly Action<CepstralMeanState>? _adapted;
    private PocketSphinxDecoder? _decoder;
    private CepstralMeanState _start;
    // The first audio, kept until the session's own cepstral mean is estimated from it; null once it is (or never).
    private List<short>? _estimateWindow;
    private readonly int _estimateSamples;
    private string? _transcript;
    // Cleared when a native call fails: the decoder's state is unknown, so it is freed rather than lent again.
    private bool _reusable = true;

    public PocketSphinxUtteranceDecoder(
        DecoderPool pool,
        PocketSphinxDecoder decoder,
        CepstralMeanState start,
        int estimateSamples,
        RecognitionRejection rejection,
        Action<CepstralMeanState>? adapted)
    {
        _pool = pool;
        _decoder = _decoderLent = decoder;
        _start = start;
        _estimateSamples = estimateSamples;
        _estimateWindow = estimateSamples > 0 ? new List<short>(estimateSamples) : null;
        _rejection = rejection;
        _adapted = adapted;
    }

    private PocketSphinxDecoder Decoder
    {
        get
        {
            ObjectDisposedException.ThrowIf(_decoder == null, this);
            return _decoder;
        }
    }

    /// <summary>The cepstral mean the decoder would normalise the next frame with (a copy; for tests).</summary>
    internal float[] CepstralMean => Decoder.CepstralMean;

    /// <summary>The words of the last <see cref="Complete"/> with their posteriors, rejected ones included (for tests).</summary>
    internal IReadOnlyList<(string Word, double Posterior)> LastWords { get; private set; } = [];

    public void Accept(ReadOnlySpan<short> samples)
    {
        var decoder = Decoder;
        if (_transcript != null)
        {
            throw new InvalidOperationException("The utterance is complete; no more audio can be accepted.");
        }

        try
        {
            decoder.Process(samples);
            if (_estimateWindow is { } window)
            {
                window.AddRange(samples);
                if (window.Count >= _estimateSamples)
                {
                    RestartFromEstimate(decoder, window);
                }
            }
        }
        catch (InvalidOperationException)
        {
            _reusable = false;
            throw;
        }
    }

    public string GetPartial()
    {
        var decoder = Decoder;
        if (_transcript != null)
        {
            return _transcript;
        }

        // While the estimate window fills, the hypothesis comes from a mean about to be replaced: show nothing yet.
        return _estimateWindow != null ? "" : Native(decoder.GetHypothesis);
    }

    public string Complete()
    {
        var decoder = Decoder;
        if (_transcript != null)
        {
            return _transcript;
        }

        _transcript = Native(() =>
        {
            if (_estimateWindow is { } window)
            {
                RestartFromEstimate(decoder, window);
            }

            decoder.EndUtterance();
            var hypothesis = decoder.GetHypothesis();
            _adapted?.Invoke(decoder.CaptureCepstralMean());
            if (!_rejection.Enabled || hypothesis.Length == 0)
            {
                return hypothesis;
            }

            var words = decoder.GetWordPosteriors();
            LastWords = words;
            return _rejection.Apply(words);
        });
        return _transcript;
    }

    public void Dispose()
    {
        var decoder = _decoder;
        if (decoder == null)
        {
            return;
        }

        _decoder = null;
        if (decoder.InUtterance)
        {
            // Abandoned mid-utterance: end it so the next borrower starts clean. This runs PocketSphinx's final
            // passes over the audio so far, a fraction of what decoding it cost. What it taught the cepstral mean
            // still describes the session's channel.
            try
            {
                decoder.EndUtterance();
                if (_estimateWindow == null)
                {
                    _adapted?.Invoke(decoder.CaptureCepstralMean());
                }
            }
            catch (InvalidOperationException)
            {
                _reusable = false;
            }
        }

        _pool.Return(_decoderLent, _reusable);
    }

    /// <summary>
    /// Ends the estimate window: the mean of the frames PocketSphinx normalised in it becomes the utterance's start
    /// (as a prior of the same weight as the configured one), and the window is decoded again from there.
    /// </summary>
    private void RestartFromEstimate(PocketSphinxDecoder decoder, List<short> window)
    {
        _estimateWindow = null;
        var (mean, frames) = decoder.MeanSince(_start);
        if (mean == null || frames < MinimumEstimateFrames)
        {
            return;
        }

        _start = CepstralMeanState.Prior(mean, _start.FrameCount);
        decoder.EndUtterance();
        decoder.StartUtterance(_start);
        decoder.Process(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window));
    }

    // Fewer speech frames than this (0.2 s) say more about the words than about the channel.
    private const int MinimumEstimateFrames = 20;

    private T Native<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (InvalidOperationException)
        {
            _reusable = false;
            throw;
        }
    }
}
