using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.OpenAI;

internal sealed partial class BackendResilience
{
    private static partial class Log
    {
        [LoggerMessage(11, LogLevel.Warning,
            "OpenAI engine {Engine}: the backend failed repeatedly; its requests fail at once for {Seconds} s, then one tries it again")]
        public static partial void CircuitOpened(ILogger logger, string engine, double seconds, Exception? exception);

        [LoggerMessage(12, LogLevel.Information, "OpenAI engine {Engine}: the backend answers again; requests go through")]
        public static partial void CircuitClosed(ILogger logger, string engine);

        [LoggerMessage(13, LogLevel.Debug, "OpenAI engine {Engine}: retry {Attempt} of a kept decode in {DelayMilliseconds} ms after {Failure}")]
        public static partial void Retrying(ILogger logger, string engine, int attempt, double delayMilliseconds, string failure);
    }
}
