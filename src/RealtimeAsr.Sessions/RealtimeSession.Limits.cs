using System.Globalization;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    // TimeProvider.System timestamps: the session's start, the last client message (written by the receiving side),
    // and the moment the session last ran out of commands.
    private readonly long _startedAt = TimeProvider.System.GetTimestamp();
    private long _lastClientActivity = TimeProvider.System.GetTimestamp();
    private long _waitingSince;

    /// <summary>Why the session ended; <see langword="null"/> until <see cref="Finished"/> completes.</summary>
    public SessionEndReason? EndReason { get; private set; }

    /// <summary>
    /// A client message (or a frame of one) has arrived: the client is not idle (<see cref="SessionLimits.IdleTimeout"/>).
    /// <see cref="PostAsync"/> counts by itself; a transport calls this for the frames of a message still arriving.
    /// Thread-safe.
    /// </summary>
    public void NoteClientActivity() => Volatile.Write(ref _lastClientActivity, TimeProvider.System.GetTimestamp());

    private SessionLimits Limits => _options.Limits;

    /// <summary>
    /// When the session ends for a limit, unless the client sends something first; <see langword="null"/> when it is
    /// finishing anyway or no limit is set. Only meaningful while the session waits for commands: idleness counts from
    /// the later of the last message and the moment the session ran out of work, so that a client whose input waited
    /// behind slow processing (back-pressure) is not taken for idle.
    /// </summary>
    private long? LimitDeadline
    {
        get
        {
            if (_finishing)
            {
                return null;
            }

            long? idle = Limits.IdleTimeout == Timeout.InfiniteTimeSpan ? null
                : Math.Max(Volatile.Read(ref _lastClientActivity), _waitingSince) + ToTimestampTicks(Limits.IdleTimeout);
            return Earliest(idle, ExpiryDeadline);
        }
    }

    private long? ExpiryDeadline => Limits.MaxSessionDuration == Timeout.InfiniteTimeSpan
        ? null
        : _startedAt + ToTimestampTicks(Limits.MaxSessionDuration);

    private static long? Earliest(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <summary>Ends the session if it has reached its maximum duration; for each command, however busy the session is.</summary>
    private ValueTask EndIfExpiredAsync(CancellationToken cancellationToken) =>
        !_finishing && ExpiryDeadline <= TimeProvider.System.GetTimestamp()
            ? EndForLimitAsync(SessionEndReason.Expired, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>While waiting for commands: ends the session if a limit's deadline has passed.</summary>
    private async ValueTask<bool> EndIfOverLimitAsync(CancellationToken cancellationToken)
    {
        if (!(LimitDeadline <= TimeProvider.System.GetTimestamp()))
        {
            return false;
        }

        var reason = ExpiryDeadline <= TimeProvider.System.GetTimestamp() ? SessionEndReason.Expired : SessionEndReason.IdleTimeout;
        await EndForLimitAsync(reason, cancellationToken);
        return true;
    }

    /// <summary>
    /// The client is told why (an <c>error</c> event), then the session is finished as a <c>session.finish</c> would finish
    /// it; the transport closes the connection with the code <see cref="EndReason"/> calls for.
    /// </summary>
    private async ValueTask EndForLimitAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        var (code, message, limit) = reason == SessionEndReason.Expired
            ? (ErrorCodes.SessionExpired,
                $"Your session hit the maximum duration of {Describe(Limits.MaxSessionDuration)}. It is finished; open a new session to go on.",
                Limits.MaxSessionDuration)
            : (ErrorCodes.IdleTimeout,
                $"No event was received for {Describe(Limits.IdleTimeout)}, so the session is finished. Keep sending audio (silence too) while the session is open, or send session.finish when done.",
                Limits.IdleTimeout);
        Log.SessionLimitReached(_logger, Id, code, limit);
        await EmitAsync(new ErrorEvent
        {
            Error = new ErrorDetail { Type = ErrorTypes.InvalidRequest, Code = code, Message = message },
        }, cancellationToken);
        await EndSessionAsync(reason, cancellationToken);
    }

    /// <summary>
    /// Manual mode: whether <paramref name="appendedSamples"/> more would make the uncommitted audio longer than
    /// <see cref="SessionLimits.MaxManualBufferDuration"/>.
    /// </summary>
    private bool OverflowsManualBuffer(long appendedSamples) =>
        Limits.MaxManualBufferDuration != Timeout.InfiniteTimeSpan
        && (_current?.SampleCount ?? 0) + appendedSamples > ToSamples(Limits.MaxManualBufferDuration);

    private ValueTask RefuseAppendAsync(AppendAudio append, CancellationToken cancellationToken) =>
        RejectAsync(append.EventId, ErrorCodes.InputAudioBufferFull,
            $"The input audio buffer would exceed {Describe(Limits.MaxManualBufferDuration)} of uncommitted audio; this append was not added. Commit more often.",
            "audio", cancellationToken);

    private static long ToSamples(TimeSpan span) => (long)(span.TotalSeconds * RecognitionAudio.SampleRate);

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 2 && span.Seconds == 0 && span.Milliseconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} seconds");
}
