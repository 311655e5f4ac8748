using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.OpenAI;

internal sealed partial class TranscriptionBackend
{
    // Debug: a failed partial costs the client nothing, and a failed item is logged by the session (its event 12, Warning).
    private static partial class Log
    {
        [LoggerMessage(21, LogLevel.Debug, "OpenAI engine {Engine}: a {Kind} request failed ({Code})")]
        public static partial void RequestFailed(ILogger logger, string engine, WindowDecodeKind kind, string code, Exception exception);

        [LoggerMessage(22, LogLevel.Debug, "OpenAI engine {Engine}: the backend answered a {Kind} request with an error ({Code}): {Reason}")]
        public static partial void Answered(ILogger logger, string engine, WindowDecodeKind kind, string code, string reason);
    }
}
