using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

/// <summary>
/// One item being recognised: its id, its audio, and the engine's recognition of it (which an engine with pooled
/// decoders lends for as long as the audio is decoded). Not thread-safe: owned by one session loop.
/// </summary>
/// <remarks>
/// <para>
/// The decoder is asked for at the first audio and arrives in the background (<see cref="RequestDecoder"/>), so the
/// session keeps handling its client's events while every pooled decoder is lent; audio waits in the utterance
/// meanwhile. The utterance keeps its place in the engine's queue as long as decoders keep coming free (sessions give
/// them back, <see cref="RecognitionWorkers.DecodersReturned"/>); once a whole timeout passes without that, the pool is
/// stuck, and the utterance has <see cref="Failed"/>: it drops its audio and will be reported as <c>server_busy</c>.
/// </para>
/// <para>
/// The utterance keeps all its audio (32 KB per second) until it ends, so that <see cref="Release"/> can give an idle
/// utterance's decoder back and a later decoder can decode the audio again from the start: PocketSphinx cannot move an
/// utterance from one decoder to another, and the engine's <see cref="IUtteranceRecognition.Abandon"/> makes the replay
/// decode exactly as the first decoder would have.
/// </para>
/// </remarks>
internal sealed class Utterance(string itemId, RecognitionOptions options, RecognitionWorkers workers) : IDisposable
{
    private readonly List<short[]> _audio = [];
    // The first sample the current decoder has not been given: a chunk of _audio and an offset in it.
    private int _fedChunk;
    private int _fedOffset;
    private short[]? _slice;
    private Task<IUtteranceRecognition>? _request;
    private CancellationTokenSource? _requestCancellation;
    private CancellationToken _clientGone;
    private IUtteranceRecognition? _decoder;
    private int _samplesSincePartial;

    /// <summary>The conversation item this utterance becomes.</summary>
    public string ItemId { get; } = itemId;

    /// <summary>Samples of audio the utterance received (decoded or not).</summary>
    public long SampleCount { get; private set; }

    /// <summary>
    /// Whether the utterance gave up waiting for a decoder: its audio is dropped and it ends in <c>server_busy</c>.
    /// </summary>
    public bool Failed { get; private set; }

    /// <summary>Whether the utterance holds a decoder or is waiting for one.</summary>
    public bool HoldsOrAwaitsDecoder => _decoder != null || _request != null;

    /// <summary>Whether some audio has not been given to the decoder yet.</summary>
    public bool HasUnfedAudio => _fedChunk < _audio.Count;

    /// <summary>Adds audio (owned by the utterance from now on); dropped once the utterance has failed.</summary>
    public void Add(short[] samples)
    {
        SampleCount += samples.Length;
        if (!Failed && samples.Length > 0)
        {
            _audio.Add(samples);
        }
    }

    /// <summary>
    /// Asks <paramref name="recognition"/> for a decoder in the background, unless the utterance has one, is waiting for
    /// one or has failed. The request gives up once <paramref name="patience"/> passes without any session giving a
    /// decoder back, or when <paramref name="cancellationToken"/> (the client is gone) fires. Returns whether a new wait
    /// began.
    /// </summary>
    public bool RequestDecoder(ISpeechEngineSession recognition, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (HoldsOrAwaitsDecoder || Failed)
        {
            return false;
        }

        _clientGone = cancellationToken;
        _requestCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _request = WaitInTurnAsync(recognition, patience, _requestCancellation.Token);
        return true;
    }

    /// <summary>
    /// Takes the requested decoder if it has arrived. <see langword="false"/> while it is still awaited, when none was
    /// requested, or when the request gave up (the utterance has then <see cref="Failed"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException">The client is gone.</exception>
    public bool TryTakeDecoder()
    {
        if (_decoder != null)
        {
            return true;
        }

        if (_request is not { IsCompleted: true } request)
        {
            return false;
        }

        _request = null;
        _requestCancellation!.Dispose();
        _requestCancellation = null;
        if (request.IsCompletedSuccessfully)
        {
            _decoder = request.Result;
            _fedChunk = _fedOffset = 0;
            return true;
        }

        _clientGone.ThrowIfCancellationRequested();
        if (request.Exception?.InnerException is TimeoutException)
        {
            Fail();
            return false;
        }

        // The engine failed: the session ends.
        request.GetAwaiter().GetResult();
        return false;
    }

    /// <summary>
    /// Waits for the decoder (requesting one if there is no request), at most until the request times out; returns
    /// whether the utterance has one. Only for reporting the utterance: the session waits here, bounded.
    /// </summary>
    public async ValueTask<bool> WaitForDecoderAsync(ISpeechEngineSession recognition, TimeSpan patience, CancellationToken cancellationToken)
    {
        RequestDecoder(recognition, patience, cancellationToken);
        if (_request is { } request)
        {
            // The request ends by itself when it gives up; its outcome is read by TryTakeDecoder.
            await ((Task)request).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return TryTakeDecoder();
    }

    /// <summary>
    /// Gives the engine the next at most <paramref name="maxSamples"/> samples not yet decoded and, once nothing is left
    /// and <paramref name="partialIntervalSamples"/> have been fed since the last partial, asks it for a partial result;
    /// with <see langword="null"/> (Manual mode, or while the utterance is being reported) it never does. Returns the new
    /// partial when it changed, otherwise <see langword="null"/>.
    /// </summary>
    public async ValueTask<RecognitionPartial?> FeedNextAsync(int maxSamples, int? partialIntervalSamples, CancellationToken cancellationToken)
    {
        var decoder = _decoder ?? throw new InvalidOperationException("The utterance has no decoder.");
        var slice = NextSlice(maxSamples);
        await decoder.AcceptAsync(slice, cancellationToken);
        _samplesSincePartial += slice.Length;
        if (partialIntervalSamples is not { } interval || _samplesSincePartial < interval || HasUnfedAudio)
        {
            return null;
        }

        _samplesSincePartial = 0;
        return await decoder.GetPartialAsync(cancellationToken);
    }

    /// <summary>Ends recognition: the last partial snapshot and the final transcript.</summary>
    public ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken) =>
        (_decoder ?? throw new InvalidOperationException("The utterance has no decoder.")).CompleteAsync(cancellationToken);

    /// <summary>
    /// Stops holding (or waiting for) a decoder while keeping the audio: the next decoder decodes it again from the
    /// start. For a session that stopped sending audio.
    /// </summary>
    public void Release()
    {
        StopWaiting();
        if (_decoder is { } decoder)
        {
            _decoder = null;
            decoder.Abandon();
            workers.OnDecoderReturned();
        }

        _fedChunk = _fedOffset = 0;
    }

    /// <summary>Discards the utterance: gives the decoder back (or stops waiting for one) and drops the audio.</summary>
    public void Dispose()
    {
        StopWaiting();
        if (_decoder is { } decoder)
        {
            _decoder = null;
            decoder.Dispose();
            workers.OnDecoderReturned();
        }

        _audio.Clear();
        _fedChunk = _fedOffset = 0;
    }

    private void Fail()
    {
        Failed = true;
        _audio.Clear();
        _fedChunk = _fedOffset = 0;
    }

    private void StopWaiting()
    {
        if (_request is not { } request)
        {
            return;
        }

        _request = null;
        _requestCancellation!.Cancel();
        _requestCancellation.Dispose();
        _requestCancellation = null;
        // A decoder that arrives anyway goes straight back; a failure is of no interest any more.
        _ = request.ContinueWith(
            static (done, workers) =>
            {
                if (done.IsCompletedSuccessfully)
                {
                    done.Result.Dispose();
                    ((RecognitionWorkers)workers!).OnDecoderReturned();
                }
                else
                {
                    _ = done.Exception;
                }
            },
            workers, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Waits for the engine's decoder, keeping the utterance's place in its queue while the pool moves: every
    /// <paramref name="patience"/>, if no session gave a decoder back meanwhile, it gives up
    /// (<see cref="TimeoutException"/>).
    /// </summary>
    private async Task<IUtteranceRecognition> WaitInTurnAsync(ISpeechEngineSession recognition, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var request = recognition.StartUtteranceAsync(options, giveUp.Token).AsTask();
        var returned = workers.DecodersReturned;
        while (!request.IsCompleted)
        {
            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(request, Task.Delay(patience, timer.Token)).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var now = workers.DecodersReturned;
            if (!request.IsCompleted && now == returned)
            {
                await giveUp.CancelAsync().ConfigureAwait(false);
                try
                {
                    // A decoder that came in the same instant is still taken.
                    return await request.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No decoder came free for {patience}.");
                }
            }

            returned = now;
        }

        return await request.ConfigureAwait(false);
    }

    /// <summary>
    /// The next samples to decode, at most <paramref name="maxSamples"/>: one chunk's, or small chunks joined (in a
    /// buffer reused by the next call, so valid until then).
    /// </summary>
    private ReadOnlyMemory<short> NextSlice(int maxSamples)
    {
        var chunk = _audio[_fedChunk];
        var available = chunk.Length - _fedOffset;
        if (available >= maxSamples || _fedChunk == _audio.Count - 1)
        {
            var count = Math.Min(available, maxSamples);
            var memory = chunk.AsMemory(_fedOffset, count);
            Advance(count);
            return memory;
        }

        if (_slice is null || _slice.Length != maxSamples)
        {
            _slice = new short[maxSamples];
        }

        var filled = 0;
        while (filled < maxSamples && HasUnfedAudio)
        {
            chunk = _audio[_fedChunk];
            var count = Math.Min(chunk.Length - _fedOffset, maxSamples - filled);
            chunk.AsSpan(_fedOffset, count).CopyTo(_slice.AsSpan(filled));
            filled += count;
            Advance(count);
        }

        return _slice.AsMemory(0, filled);
    }

    private void Advance(int count)
    {
        _fedOffset += count;
        if (_fedOffset == _audio[_fedChunk].Length)
        {
            _fedChunk++;
            _fedOffset = 0;
        }
    }
}
