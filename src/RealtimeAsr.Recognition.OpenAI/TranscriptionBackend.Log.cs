using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.OpenAI;

internal sealed partial class TranscriptionBackend
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 21, Message = "OpenAI engine {Engine}: a {Kind} request failed ({Code})")]
        public static partial void RequestFailed(ILogger logger, LogLevel level, string engine, WindowDecodeKind kind, string code, Exception exception);

        [LoggerMessage(EventId = 22, Message = "OpenAI engine {Engine}: the backend refused a {Kind} request ({Code}): {Reason}")]
        public static partial void Refused(ILogger logger, LogLevel level, string engine, WindowDecodeKind kind, string code, string reason);
    }
}
