using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.OpenAI;

internal static partial class BackendProbe
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "OpenAI engine {Engine}: the backend at {BaseUrl} serves model {Model}")]
        public static partial void Ready(ILogger logger, string engine, string baseUrl, string model);

        [LoggerMessage(2, LogLevel.Warning,
            "OpenAI engine {Engine}: the backend at {BaseUrl} cannot be reached at start-up ({Reason}); its items fail with backend_unavailable until it answers")]
        public static partial void Unreachable(ILogger logger, string engine, string baseUrl, string reason);

        [LoggerMessage(3, LogLevel.Warning,
            "OpenAI engine {Engine}: the backend at {BaseUrl} gave no model list at start-up ({Reason}); the model name is not checked")]
        public static partial void NoModelList(ILogger logger, string engine, string baseUrl, string reason);
    }
}
