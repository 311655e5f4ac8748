namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One client session's adaptation: the cepstral mean its last utterance left, from which its next utterance starts,
/// kept apart for narrowband audio (a session may switch sample rates, and 8 kHz audio has another mean). Pooled
/// decoders are reset to this state, so they carry nothing from one session to another.
/// </summary>
internal sealed class PocketSphinxRecognitionSession(PocketSphinxRecognizer recognizer) : IRecognitionSession
{
    private CepstralMeanState? _wideband;
    private CepstralMeanState? _narrowband;

    public ValueTask<IUtteranceDecoder> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
        recognizer.StartUtteranceAsync(options, this, cancellationToken);

    /// <summary>Where the session's next utterance starts; <see langword="null"/> before its first one ended.</summary>
    public CepstralMeanState? Adapted(bool narrowband) => narrowband ? _narrowband : _wideband;

    /// <summary>Keeps what an utterance of the session left.</summary>
    public void Adapt(bool narrowband, CepstralMeanState state)
    {
        if (narrowband)
        {
            _narrowband = state;
        }
        else
        {
            _wideband = state;
        }
    }

    public void Dispose()
    {
        _wideband = null;
        _narrowband = null;
    }
}
