namespace RealtimeAsr.Recognition;

/// <summary>
/// An utterance of a window engine (one that decodes whole stretches of audio: Whisper, remote HTTP backends), streamed
/// with the shared <see cref="WindowStreamingPolicy"/>: the audio is kept, partial decodes of the growing window run in
/// the background, at most one at a time and never queued, and <see cref="GetPartialAsync"/> hands out the newest
/// <c>text</c>/<c>stash</c> they produced; <see cref="CompleteAsync"/> waits for the decode in flight (whose result the
/// final supersedes), then runs the remaining cuts and the final decode. An engine implements only
/// <see cref="DecodeAsync"/>: CPU work on the recognition workers, I/O outside them.
/// </summary>
/// <remarks>
/// The policy is touched only by the caller's calls (one at a time), never by a background decode: a decode's result is
/// taken at the next call. Partial decodes start once <see cref="GetPartialAsync"/> has been called: the session asks as
/// audio arrives in VAD mode, and never in Manual mode, which reports on commit only and so pays for no previews.
/// </remarks>
public abstract class WindowUtteranceRecognition : IUtteranceRecognition
{
    private readonly WindowStreamingPolicy _policy;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly CancellationTokenSource _disposed = new();
    private short[] _audio = new short[RecognitionAudio.SampleRate * 4];
    private int _length;
    private (WindowDecode Decode, Task<WindowHypothesis> Task)? _inFlight;
    private RecognitionPartial? _unreported;
    private string? _language;
    private bool _ended;
    // Set by the first request for a partial: until then no preview is decoded (Manual mode reports on commit only).
    private bool _wantsPartials;

    /// <summary>Creates the utterance with the engine's streaming settings.</summary>
    protected WindowUtteranceRecognition(WindowStreamingOptions options, TimeProvider? time = null)
    {
        _policy = new WindowStreamingPolicy(options);
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>
    /// The background decode in flight (a partial, or the last decode of a window being cut), or
    /// <see langword="null"/>; its result is taken by the next call. For subclasses that need to wait for it.
    /// </summary>
    protected Task? BackgroundDecode => _inFlight?.Task;

    /// <summary>
    /// Decodes one window. Runs in the background for partials (started on a thread-pool thread, never on the caller's,
    /// so it may block: a synchronous native decode inside a recognition worker); it must not touch the utterance's
    /// state, and it should honour <paramref name="cancellationToken"/>, which fires when the utterance is discarded.
    /// </summary>
    protected abstract Task<WindowHypothesis> DecodeAsync(WindowDecodeRequest request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public ValueTask AcceptAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (_ended)
        {
            throw new InvalidOperationException("The utterance is complete.");
        }

        Append(samples.Span);
        Harvest();
        if (_wantsPartials)
        {
            // As soon as the interval allows, not at the next request: a preview is worth more the earlier it comes.
            StartNextPartial();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<RecognitionPartial?> GetPartialAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        _wantsPartials = true;
        Harvest();
        StartNextPartial();
        var partial = _unreported;
        _unreported = null;
        return ValueTask.FromResult(partial);
    }

    /// <inheritdoc />
    public async ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        _ended = true;
        _policy.End(_length);
        // Disposing the utterance (the session went away) stops the final decodes too.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        if (_inFlight is { } partial)
        {
            // A partial decode cannot be taken back from the model; its result is discarded once it is done.
            await ((Task)partial.Task).WaitAsync(stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stop.Token.ThrowIfCancellationRequested();
            Harvest();
        }

        while (!_policy.IsComplete && _policy.NextDecode(_length, Now) is { } decode)
        {
            var hypothesis = await DecodeAsync(Request(decode), stop.Token).ConfigureAwait(false);
            Take(decode, hypothesis);
        }

        var transcript = _policy.Transcript ?? "";
        // The last partial confirms the final when it extends the preview; confirmed text is never taken back.
        var last = transcript.StartsWith(_policy.Text, StringComparison.Ordinal)
            ? new RecognitionPartial(transcript, "", _language)
            : new RecognitionPartial(_policy.Text, _policy.Stash, _language);
        return new RecognitionResult(last, transcript, _language);
    }

    /// <inheritdoc />
    public void Abandon() => Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Cancels the decode in flight (its result is ignored) and releases the audio.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || _disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        if (_inFlight is { } inFlight)
        {
            // Nobody reads it any more; observe a failure so that it is not reported as unobserved.
            _ = inFlight.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        _inFlight = null;
        _audio = [];
        _length = 0;
    }

    private TimeSpan Now => _time.GetElapsedTime(_started);

    private void Append(ReadOnlySpan<short> samples)
    {
        if (_length + samples.Length > _audio.Length)
        {
            // A new array: a decode in flight keeps reading the old one, which is never written again.
            var grown = new short[Math.Max(_audio.Length * 2, _length + samples.Length)];
            _audio.AsSpan(0, _length).CopyTo(grown);
            _audio = grown;
        }

        // Appending writes past every window handed out so far, so a decode in flight never sees its audio change.
        samples.CopyTo(_audio.AsSpan(_length));
        _length += samples.Length;
    }

    /// <summary>Takes the result of a background decode that has finished; a failed partial is skipped.</summary>
    private void Harvest()
    {
        if (_inFlight is not { Task.IsCompleted: true } done)
        {
            return;
        }

        _inFlight = null;
        if (done.Task.IsCompletedSuccessfully)
        {
            Take(done.Decode, done.Task.Result);
        }
        else
        {
            // A preview is not worth failing the utterance for: the decode is tried again later, and a lasting failure
            // surfaces in the final decode.
            _ = done.Task.Exception;
            _policy.Skipped(done.Decode);
        }
    }

    private void Take(WindowDecode decode, WindowHypothesis hypothesis)
    {
        if (hypothesis.Language is { } language)
        {
            _language = language;
        }

        var windowStart = decode.Start;
        if (hypothesis.Pauses is { } pauses)
        {
            foreach (var pause in pauses)
            {
                _policy.AddPause(windowStart + pause);
            }
        }

        if (_policy.Decoded(decode, hypothesis.Text))
        {
            _unreported = new RecognitionPartial(_policy.Text, _policy.Stash, _language);
        }
    }

    private void StartNextPartial()
    {
        if (_ended || _inFlight is not null || _policy.NextDecode(_length, Now) is not { } decode)
        {
            return;
        }

        // Off the caller's thread: an engine's decode may run synchronously until its first real wait (a free recognition
        // worker runs the work inline), and the caller must not wait for a partial.
        var request = Request(decode);
        var cancellation = _disposed.Token;
        _inFlight = (decode, Task.Run(() => DecodeAsync(request, cancellation), CancellationToken.None));
    }

    private WindowDecodeRequest Request(WindowDecode decode) =>
        new(decode.Kind, _audio.AsMemory((int)decode.Start, (int)decode.Length), _policy.ClosedText);
}
