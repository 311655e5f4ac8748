namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Information, "Session {SessionId}: the client left before session.finish was answered; its queued input and the utterance in progress were dropped")]
        public static partial void ClientLeft(ILogger logger, string sessionId);

        [LoggerMessage(102, LogLevel.Information, "Session {SessionId}: the client did not close after session.finished; closing")]
        public static partial void ClientDidNotClose(ILogger logger, string sessionId);

        [LoggerMessage(103, LogLevel.Error, "Session {SessionId} failed")]
        public static partial void SessionFailed(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(104, LogLevel.Debug, "Session {SessionId}: receive ended: {Reason}")]
        public static partial void ReceiveFailed(ILogger logger, string sessionId, string reason);

        [LoggerMessage(105, LogLevel.Debug, "Session {SessionId}: send failed: {Reason}")]
        public static partial void SendFailed(ILogger logger, string sessionId, string reason);

        [LoggerMessage(106, LogLevel.Debug, "Session {SessionId}: {HeldBytes} bytes of input wait for the session; reading paused")]
        public static partial void InputFull(ILogger logger, string sessionId, long heldBytes);

        [LoggerMessage(107, LogLevel.Information, "Session {SessionId}: the client took no event for {SendTimeout}; connection aborted")]
        public static partial void SendTimedOut(ILogger logger, string sessionId, TimeSpan sendTimeout);

        [LoggerMessage(108, LogLevel.Information, "Session {SessionId}: the connection was lost (closed, reset, or no answer to a keep-alive ping)")]
        public static partial void ConnectionLost(ILogger logger, string sessionId);
    }
}
