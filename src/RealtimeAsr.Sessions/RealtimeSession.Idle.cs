using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    // Task.Delay's own limit is 49 days.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    // When the current utterance counts as stalled (TimeProvider.System timestamp): see IdleUtteranceTimeout.
    private long _stallDeadline;

    /// <summary>
    /// Asks for the utterance's decoder unless it has one, waits for one or has failed; a new wait also restarts the
    /// utterance's pace (<see cref="RealtimeSessionOptions.IdleUtteranceTimeout"/>).
    /// </summary>
    private void RequestDecoder(Utterance utterance, CancellationToken cancellationToken)
    {
        if (utterance.RequestDecoder(_recognition, _options.DecoderWaitTimeout, cancellationToken))
        {
            _stallDeadline = TimeProvider.System.GetTimestamp() + ToTimestampTicks(_options.IdleUtteranceTimeout);
        }
    }

    /// <summary>
    /// Keeps the pace of the utterance in progress: each append moves its deadline on by the duration of its audio, but
    /// never further than <see cref="RealtimeSessionOptions.IdleUtteranceTimeout"/> from now. A client sending in real
    /// time stays that far ahead; one that stops, or sends slower than real time, falls behind and reaches it.
    /// </summary>
    private void OnAudioReceived(int samples)
    {
        if (samples > 0)
        {
            var latest = TimeProvider.System.GetTimestamp() + ToTimestampTicks(_options.IdleUtteranceTimeout);
            var audio = ToTimestampTicks(TimeSpan.FromSeconds((double)samples / RecognitionAudio.SampleRate));
            _stallDeadline = Math.Min(_stallDeadline + audio, latest);
        }
    }

    /// <summary>
    /// The moment the utterance in progress counts as stalled: with server VAD any open utterance, in Manual mode one
    /// that holds or awaits a decoder; <see langword="null"/> when nothing can stall.
    /// </summary>
    private long? StallDeadline =>
        _current is { } utterance && (_settings.IsServerVad || utterance.HoldsOrAwaitsDecoder) ? _stallDeadline : null;

    /// <summary>
    /// Waits until a command can be read (<see langword="false"/> once the input is complete and drained), meanwhile
    /// ending or releasing an utterance whose client stopped sending (<see cref="OnStalledAsync"/>), and ending the
    /// session when a limit is reached (<see cref="EndIfOverLimitAsync"/>).
    /// </summary>
    private async ValueTask<bool> WaitForCommandsAsync(CancellationToken cancellationToken)
    {
        _waitingSince = TimeProvider.System.GetTimestamp();
        var waiting = _commands.Reader.WaitToReadAsync(cancellationToken);
        if (waiting.IsCompleted || NextDeadline is null)
        {
            return await waiting;
        }

        var ready = waiting.AsTask();
        while (!ready.IsCompleted && NextDeadline is { } deadline)
        {
            var remaining = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            if (remaining > TimeSpan.Zero)
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // A later deadline is simply looked at again then.
                var elapsed = Task.Delay(remaining < MaxDelay ? remaining : MaxDelay, timer.Token);
                await Task.WhenAny(ready, elapsed);
                await timer.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                if (ready.IsCompleted)
                {
                    break;
                }
            }

            if (!await EndIfOverLimitAsync(cancellationToken) && StallDeadline <= TimeProvider.System.GetTimestamp())
            {
                await OnStalledAsync(cancellationToken);
            }
        }

        return await ready;
    }

    /// <summary>The earliest moment something must happen while the session waits for commands.</summary>
    private long? NextDeadline => Earliest(StallDeadline, LimitDeadline);

    /// <summary>
    /// The client stopped sending in the middle of an utterance. With server VAD the utterance ends as if speech had
    /// stopped (as <c>session.finish</c> ends it); in Manual mode, where only the client commits, the decoder goes back
    /// to the pool and the audio stays, to be decoded again when the client sends more or commits.
    /// </summary>
    private async ValueTask OnStalledAsync(CancellationToken cancellationToken)
    {
        var utterance = _current!;
        if (_settings.IsServerVad)
        {
            Log.UtteranceStalled(_logger, Id, utterance.ItemId, _options.IdleUtteranceTimeout, "ending it as if speech stopped");
            await EndUtteranceInProgressAsync(cancellationToken);
        }
        else
        {
            Log.UtteranceStalled(_logger, Id, utterance.ItemId, _options.IdleUtteranceTimeout, "giving its decoder back until it resumes");
            utterance.Release();
        }
    }

    private static long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * TimeProvider.System.TimestampFrequency);
}
