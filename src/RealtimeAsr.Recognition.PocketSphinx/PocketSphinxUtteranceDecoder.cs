namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One utterance on a decoder borrowed from the <see cref="DecoderPool"/>; disposing gives the decoder back,
/// ending the utterance first if <see cref="Complete"/> was not called.
/// </summary>
internal sealed class PocketSphinxUtteranceDecoder : IUtteranceDecoder
{
    private readonly DecoderPool _pool;
    private PocketSphinxDecoder? _decoder;
    private string? _transcript;
    // Cleared when a native call fails: the decoder's state is unknown, so it is freed rather than lent again.
    private bool _reusable = true;

    public PocketSphinxUtteranceDecoder(DecoderPool pool, PocketSphinxDecoder decoder)
    {
        _pool = pool;
        _decoder = decoder;
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

        try
        {
            return decoder.GetHypothesis();
        }
        catch (InvalidOperationException)
        {
            _reusable = false;
            throw;
        }
    }

    public string Complete()
    {
        var decoder = Decoder;
        if (_transcript != null)
        {
            return _transcript;
        }

        try
        {
            decoder.EndUtterance();
            _transcript = decoder.GetHypothesis();
            return _transcript;
        }
        catch (InvalidOperationException)
        {
            _reusable = false;
            throw;
        }
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
            // passes over the audio so far, a fraction of what decoding it cost.
            try
            {
                decoder.EndUtterance();
            }
            catch (InvalidOperationException)
            {
                _reusable = false;
            }
        }

        _pool.Return(decoder, _reusable);
    }
}
