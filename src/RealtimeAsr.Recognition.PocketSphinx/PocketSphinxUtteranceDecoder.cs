namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One utterance on a decoder borrowed from the <see cref="DecoderPool{TDecoder}"/>; disposing gives the decoder back. When the
/// utterance is completed or discarded, the cepstral mean it leaves is handed to <c>adapted</c> (the session's
/// <see cref="PocketSphinxRecognitionSession"/>); an abandoned one leaves nothing.
/// </summary>
/// <remarks>
/// <para>
/// Every native call happens in <see cref="Accept"/>, <see cref="GetPartial"/> and <see cref="Complete"/>, which
/// callers run on recognition workers: the utterance starts on the decoder at the first of them (finishing first what
/// a discarded utterance left on it), and giving the decoder back runs no search. A discarded utterance's final pass
/// (<c>ps_end_utt</c>, which PocketSphinx 5prealpha requires before the next utterance) costs about 8 % of its audio's
/// length (measured: 0.07 s for 1 s, 0.32 s for 4 s, 3.6 s for 60 s, 10 s for 3 minutes), loading a decoder about
/// 0.5 s and freeing one 0.05 s. So a decoder discarded with up to <see cref="MaxDeferredEndSamples"/> of audio goes
/// back to the pool with its utterance open, for the next borrower to end on its worker, and a longer one is freed.
/// </para>
/// <para>
/// A session's first utterance has nothing to start from but the configured typical mean, far off for a quiet or
/// loud microphone. Its first audio is decoded from that mean while the session's level is measured
/// (<see cref="CepstralMeanEstimate"/>); once there is enough speech the decoder restarts the utterance from the mean
/// at that level and decodes that audio again. That costs the window's decoding once per session and delays the
/// first partial by the window. The measurement advances in steps of <see cref="EstimateStepSamples"/> counted from
/// the utterance's start, whatever pieces the caller feeds, so the same audio gives the same transcript however it is
/// split (a session replays an utterance's audio in pieces of its own, see <see cref="IUtteranceDecoder.Abandon"/>).
/// </para>
/// </remarks>
internal sealed class PocketSphinxUtteranceDecoder : IUtteranceDecoder
{
    /// <summary>
    /// Discarded utterances with up to this much audio (5 s) are left for the next borrower to end, whose final pass
    /// then costs at most about as much as loading a decoder; longer ones are freed instead.
    /// </summary>
    internal const int MaxDeferredEndSamples = 5 * RecognitionAudio.SampleRate;

    // 100 ms, as the engine's own tests and clients feed: a multiple of the 10 ms frame shift.
    private const int EstimateStepSamples = 100 * RecognitionAudio.SamplesPerMillisecond;

    private readonly DecoderPool<PocketSphinxDecoder> _pool;
    private readonly PocketSphinxDecoder _decoderLent;
    private readonly RecognitionRejection _rejection;
    private readonly Action<CepstralMeanState>? _adapted;
    private PocketSphinxDecoder? _decoder;
    private CepstralMeanState _start;
    // Measures the session's own cepstral mean at the start of its first utterance; null once done (or never).
    private CepstralMeanEstimate? _estimate;
    // Audio for the estimate held until a whole step has arrived.
    private short[]? _estimateStep;
    private int _estimateStepFill;
    // Whether the utterance has started on the decoder (lazily, on the first call that needs it).
    private bool _started;
    private string? _transcript;
    // Cleared when a native call fails: the decoder's state is unknown, so it is freed rather than lent again.
    private bool _reusable = true;

    public PocketSphinxUtteranceDecoder(
        DecoderPool<PocketSphinxDecoder> pool,
        PocketSphinxDecoder decoder,
        CepstralMeanState start,
        int estimateFrames,
        RecognitionRejection rejection,
        Action<CepstralMeanState>? adapted)
    {
        _pool = pool;
        _decoder = _decoderLent = decoder;
        _start = start;
        _estimate = estimateFrames > 0 ? new CepstralMeanEstimate(estimateFrames) : null;
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

    /// <summary>
    /// The cepstral mean the decoder would normalise the next frame with (a copy; for tests): before the first audio,
    /// the one the utterance will start from.
    /// </summary>
    internal float[] CepstralMean => _started ? Decoder.CepstralMean : (float[])_start.Mean.Clone();

    /// <summary>The words of the last <see cref="Complete"/> with their posteriors, rejected ones included (for tests).</summary>
    internal IReadOnlyList<(string Word, double Posterior)> LastWords { get; private set; } = [];

    public void Accept(ReadOnlySpan<short> samples)
    {
        if (_transcript != null)
        {
            ObjectDisposedException.ThrowIf(_decoder == null, this);
            throw new InvalidOperationException("The utterance is complete; no more audio can be accepted.");
        }

        var decoder = Started();
        try
        {
            while (_estimate != null && !samples.IsEmpty)
            {
                var step = _estimateStep ??= new short[EstimateStepSamples];
                var taken = Math.Min(step.Length - _estimateStepFill, samples.Length);
                samples[..taken].CopyTo(step.AsSpan(_estimateStepFill));
                _estimateStepFill += taken;
                samples = samples[taken..];
                if (_estimateStepFill == step.Length)
                {
                    _estimateStepFill = 0;
                    if (_estimate.Feed(decoder, step))
                    {
                        RestartFromEstimate(decoder);
                    }
                }
            }

            decoder.Process(samples);
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
        return _estimate != null || !_started ? "" : Native(decoder.GetHypothesis);
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
            decoder = Started();
            if (_estimate != null)
            {
                if (_estimateStepFill > 0)
                {
                    _estimate.Feed(decoder, _estimateStep.AsSpan(0, _estimateStepFill));
                    _estimateStepFill = 0;
                }

                RestartFromEstimate(decoder);
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

    /// <summary>
    /// Gives the decoder back. Before <see cref="Complete"/> the utterance is discarded without its final pass (see the
    /// remarks), and the cepstral mean it reached still adapts the session: it describes the session's channel.
    /// </summary>
    public void Dispose() => GiveBack(adaptSession: true);

    /// <inheritdoc />
    public void Abandon() => GiveBack(adaptSession: false);

    private void GiveBack(bool adaptSession)
    {
        var decoder = _decoder;
        if (decoder == null)
        {
            return;
        }

        _decoder = null;
        if (_started && decoder.InUtterance)
        {
            // The mean as the final pass would leave it (less the last frame or two it would still add).
            if (adaptSession && _estimate == null)
            {
                _adapted?.Invoke(decoder.CaptureCepstralMean());
            }

            if (decoder.UtteranceSamples > MaxDeferredEndSamples)
            {
                _reusable = false;
            }
        }

        _pool.Return(_decoderLent, _reusable);
    }

    /// <summary>The decoder, with this utterance started on it.</summary>
    private PocketSphinxDecoder Started()
    {
        var decoder = Decoder;
        if (!_started)
        {
            try
            {
                decoder.StartUtterance(_start);
            }
            catch (InvalidOperationException)
            {
                _reusable = false;
                throw;
            }

            _started = true;
        }

        return decoder;
    }

    /// <summary>
    /// Ends the measurement: the start with the session's measured level becomes the utterance's start (a prior of the
    /// same weight as the configured one), and the audio so far is decoded again from there.
    /// </summary>
    private void RestartFromEstimate(PocketSphinxDecoder decoder)
    {
        var estimate = _estimate!;
        _estimate = null;
        if (estimate.Apply(_start.Mean) is not { } mean)
        {
            // Too little speech to measure: go on from the configured start with what the measurement did not feed.
            decoder.Process(estimate.Audio[estimate.FedSamples..]);
            return;
        }

        _start = CepstralMeanState.Prior(mean, _start.FrameCount);
        decoder.EndUtterance();
        decoder.StartUtterance(_start);
        decoder.Process(estimate.Audio);
    }

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
