using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.Whisper;

public sealed partial class WhisperEngine
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "Whisper engine {Engine} ready: {Size} model (multilingual: {Multilingual}), {Decodes} concurrent decodes of {Threads} threads")]
        public static partial void Ready(ILogger logger, string engine, string size, bool multilingual, int decodes, int threads);

        [LoggerMessage(2, LogLevel.Debug,
            "Whisper engine {Engine}: {Kind} decode of {AudioMilliseconds} ms took {Milliseconds} ms (audio context {AudioContext}, language {Language}, {Segments} segments)")]
        public static partial void Decoded(ILogger logger, string engine, WindowDecodeKind kind, int audioMilliseconds, long milliseconds,
            int audioContext, string language, int segments);

        [LoggerMessage(3, LogLevel.Warning, "Whisper engine {Engine}: a {Kind} decode failed")]
        public static partial void DecodeFailed(ILogger logger, string engine, WindowDecodeKind kind, Exception exception);
    }
}
