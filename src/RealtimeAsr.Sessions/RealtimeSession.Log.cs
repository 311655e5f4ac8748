using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Session {SessionId} started for model {Model}")]
        public static partial void SessionStarted(ILogger logger, string sessionId, string model);

        [LoggerMessage(2, LogLevel.Information, "Session {SessionId} finished (finish event {EventId})")]
        public static partial void SessionFinished(ILogger logger, string sessionId, string? eventId);

        [LoggerMessage(3, LogLevel.Debug, "Session {SessionId} ended")]
        public static partial void SessionEnded(ILogger logger, string sessionId);

        [LoggerMessage(4, LogLevel.Information, "Session {SessionId} rejected a client event: {Code} (param {Param})")]
        public static partial void RequestRejected(ILogger logger, string sessionId, string code, string? param);

        [LoggerMessage(5, LogLevel.Debug, "Session {SessionId} item {ItemId}: {AudioMs} ms of audio, final decode took {DecodeMs} ms")]
        public static partial void UtteranceRecognised(ILogger logger, string sessionId, string itemId, long audioMs, long decodeMs);
    }
}
