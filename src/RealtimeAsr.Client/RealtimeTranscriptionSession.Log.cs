using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Client;

public partial class RealtimeTranscriptionSession
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connected to {Uri}.")]
        public static partial void Connected(ILogger logger, Uri uri);

        [LoggerMessage(2, LogLevel.Debug, "Session {SessionId} created.")]
        public static partial void SessionCreated(ILogger logger, string? sessionId);

        [LoggerMessage(3, LogLevel.Warning, "Ignored a binary frame; the protocol uses JSON text frames only.")]
        public static partial void IgnoredBinaryFrame(ILogger logger);

        [LoggerMessage(4, LogLevel.Warning, "Ignored a server message that is not a JSON event: {Reason}")]
        public static partial void IgnoredInvalidMessage(ILogger logger, string reason);

        [LoggerMessage(5, LogLevel.Debug, "The server closed the connection: {Status} {Description}.")]
        public static partial void ServerClosed(ILogger logger, WebSocketCloseStatus? status, string? description);

        [LoggerMessage(6, LogLevel.Warning, "The connection failed.")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception);

        [LoggerMessage(7, LogLevel.Debug, "The close handshake did not complete; aborting the connection.")]
        public static partial void CloseHandshakeAbandoned(ILogger logger, Exception exception);

        [LoggerMessage(8, LogLevel.Debug, "Server error event {Code} ({Param}): {Message}")]
        public static partial void ServerError(ILogger logger, string code, string? param, string message);

        [LoggerMessage(9, LogLevel.Warning, "A server event of type '{Type}' could not be read; it is delivered as UnknownServerEvent: {Reason}")]
        public static partial void UnreadableEvent(ILogger logger, string type, string reason);
    }
}
