using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.QwenRealtime;

public sealed partial class QwenRealtimeEngine
{
    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Gateway engine {Engine} ready: upstream {Uri}, connected at each session's first utterance")]
        public static partial void Ready(ILogger logger, string engine, Uri uri);
    }
}
