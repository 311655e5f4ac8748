using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.Whisper;

public sealed partial class WhisperModel
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded Whisper model {Path} ({Size}, multilingual: {Multilingual}) in {Milliseconds} ms")]
        public static partial void Loaded(ILogger logger, string path, string size, bool multilingual, long milliseconds);
    }
}
