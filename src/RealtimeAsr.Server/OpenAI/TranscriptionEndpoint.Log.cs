using RealtimeAsr.Audio;

namespace RealtimeAsr.Server;

public sealed partial class TranscriptionEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(741, LogLevel.Information, "Transcribing a {Format} file of {Seconds:F1} s with model {Model}, answering {ResponseFormat} (stream: {Stream})")]
        public static partial void Transcribing(ILogger logger, string model, AudioFileFormat format, double seconds, string responseFormat, bool stream);

        [LoggerMessage(742, LogLevel.Information, "Transcription request refused with {Status}: {Code}")]
        public static partial void Refused(ILogger logger, int status, string code);
    }
}
