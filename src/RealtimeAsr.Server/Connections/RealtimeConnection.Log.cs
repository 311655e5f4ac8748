namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Information, "Session {SessionId}: the client closed before finishing; the utterance in progress was dropped")]
        public static partial void ClientLeft(ILogger logger, string sessionId);

        [LoggerMessage(102, LogLevel.Information, "Session {SessionId}: the client did not close after session.finished; closing")]
        public static partial void ClientDidNotClose(ILogger logger, string sessionId);

        [LoggerMessage(103, LogLevel.Error, "Session {SessionId} failed")]
        public static partial void SessionFailed(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(104, LogLevel.Debug, "Session {SessionId}: receive ended: {Reason}")]
        public static partial void ReceiveFailed(ILogger logger, string sessionId, string reason);

        [LoggerMessage(105, LogLevel.Debug, "Session {SessionId}: send failed: {Reason}")]
        public static partial void SendFailed(ILogger logger, string sessionId, string reason);
    }
}
