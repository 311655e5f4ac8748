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

        [LoggerMessage(4, LogLevel.Information, "Session {SessionId} rejected a client event: {Code} (param {Param}); further rejections of this session are logged at Debug")]
        public static partial void RequestRejected(ILogger logger, string sessionId, string code, string? param);

        [LoggerMessage(6, LogLevel.Debug, "Session {SessionId} rejected a client event: {Code} (param {Param})")]
        public static partial void RequestRejectedAgain(ILogger logger, string sessionId, string code, string? param);

        [LoggerMessage(7, LogLevel.Information, "Session {SessionId} rejected {Count} client events in all")]
        public static partial void RejectionsCounted(ILogger logger, string sessionId, int count);

        [LoggerMessage(8, LogLevel.Information, "Session {SessionId} item {ItemId}: the client's audio fell {Timeout} behind real time; {Action}")]
        public static partial void UtteranceStalled(ILogger logger, string sessionId, string itemId, TimeSpan timeout, string action);

        [LoggerMessage(9, LogLevel.Warning, "Session {SessionId} item {ItemId}: waited for a decoder while none came free for {Timeout}; the item fails with server_busy")]
        public static partial void DecoderWaitTimedOut(ILogger logger, string sessionId, string itemId, TimeSpan timeout);

        [LoggerMessage(10, LogLevel.Error, "Session {SessionId} item {ItemId}: the engine failed; the item fails with recognition_failed and the session goes on")]
        public static partial void RecognitionFailed(ILogger logger, string sessionId, string itemId, Exception exception);

        [LoggerMessage(12, LogLevel.Warning, "Session {SessionId} item {ItemId}: the engine's backend failed; the item fails with {Code} and the session goes on")]
        public static partial void BackendFailed(ILogger logger, string sessionId, string itemId, string code, Exception exception);

        [LoggerMessage(11, LogLevel.Information, "Session {SessionId} reached a limit ({Code}, {Limit}); finishing it")]
        public static partial void SessionLimitReached(ILogger logger, string sessionId, string code, TimeSpan limit);

        [LoggerMessage(5, LogLevel.Debug, "Session {SessionId} item {ItemId}: {AudioMs} ms of audio, final decode took {DecodeMs} ms")]
        public static partial void UtteranceRecognised(ILogger logger, string sessionId, string itemId, long audioMs, long decodeMs);
    }
}
