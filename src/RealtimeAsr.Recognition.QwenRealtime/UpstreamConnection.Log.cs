using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.QwenRealtime;

internal sealed partial class UpstreamConnection
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Engine {Engine}: upstream session {UpstreamSessionId} open at {Uri}")]
        public static partial void Connected(ILogger logger, string engine, Uri uri, string? upstreamSessionId);

        [LoggerMessage(2, LogLevel.Warning, "Engine {Engine}: upstream session failed ({Code}): {Reason}")]
        public static partial void Broken(ILogger logger, string engine, string code, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Engine {Engine}: the upstream rejected the session's settings ({Code}): {Message}")]
        public static partial void SettingsRejected(ILogger logger, string engine, string? code, string message);

        [LoggerMessage(4, LogLevel.Debug, "Engine {Engine}: the upstream refused input_audio_buffer.clear ({Code}): {Message}")]
        public static partial void ClearRefused(ILogger logger, string engine, string code, string message);

        [LoggerMessage(5, LogLevel.Warning, "Engine {Engine}: upstream error ({Code}): {Message}")]
        public static partial void UpstreamError(ILogger logger, string engine, string code, string message);
    }
}
