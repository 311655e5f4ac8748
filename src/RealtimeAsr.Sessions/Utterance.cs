using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

/// <summary>
/// One item being recognised: its id, the engine decoder it holds while audio arrives, and the stabiliser that turns
/// hypotheses into <c>text</c>/<c>stash</c>. The decoder is taken on the first audio and returned on
/// <see cref="Dispose"/>, so idle and silent sessions hold none. Not thread-safe: owned by one session loop.
/// </summary>
internal sealed class Utterance(string itemId) : IDisposable
{
    private readonly PartialStabilizer _stabilizer = new();
    private IUtteranceDecoder? _decoder;
    private int _samplesSincePartial;
    private bool _hasPartials;

    /// <summary>The conversation item this utterance becomes.</summary>
    public string ItemId { get; } = itemId;

    /// <summary>Samples given to the engine so far.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Takes a decoder from the engine for the session's next utterance; may wait while all are lent.</summary>
    public async ValueTask StartAsync(IRecognitionSession recognition, RecognitionOptions options, CancellationToken cancellationToken) =>
        _decoder ??= await recognition.StartUtteranceAsync(options, cancellationToken);

    /// <summary>
    /// Feeds samples (CPU-bound) and, every <paramref name="partialIntervalSamples"/>, asks for a hypothesis; with
    /// <see langword="null"/> (Manual mode, where nothing is reported before the commit) it never does.
    /// Returns the new partial when it changed, otherwise <see langword="null"/>.
    /// </summary>
    public PartialResult? Accept(ReadOnlySpan<short> samples, int? partialIntervalSamples)
    {
        var decoder = _decoder ?? throw new InvalidOperationException("StartAsync must run before Accept.");
        decoder.Accept(samples);
        SampleCount += samples.Length;
        _samplesSincePartial += samples.Length;
        if (partialIntervalSamples is not { } interval || _samplesSincePartial < interval)
        {
            return null;
        }

        _samplesSincePartial = 0;
        _hasPartials = true;
        return _stabilizer.Update(decoder.GetPartial()) ? CurrentPartial : null;
    }

    /// <summary>Ends decoding (CPU-bound): the last partial snapshot and the final transcript.</summary>
    public (PartialResult LastPartial, string Transcript) Complete()
    {
        var decoder = _decoder ?? throw new InvalidOperationException("StartAsync must run before Complete.");
        var final = decoder.Complete();
        if (!_hasPartials)
        {
            // Nothing was shown before: the whole final result is confirmed.
            var transcript = _stabilizer.Complete(final);
            return (new PartialResult(transcript, ""), transcript);
        }

        // The final hypothesis is one more snapshot: words it shares with the last partial become confirmed.
        _stabilizer.Update(final);
        return (CurrentPartial, _stabilizer.Complete(final));
    }

    private PartialResult CurrentPartial => new(_stabilizer.Text, _stabilizer.Stash);

    /// <inheritdoc />
    public void Dispose()
    {
        _decoder?.Dispose();
        _decoder = null;
    }
}
