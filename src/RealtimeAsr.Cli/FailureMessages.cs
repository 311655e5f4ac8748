using System.Net;
using RealtimeAsr.Client;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli;

/// <summary>The one-line cause printed to standard error when a command fails.</summary>
internal static class FailureMessages
{
    public static string Describe(Exception exception) => exception switch
    {
        RealtimeAsrHandshakeException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } refused =>
            $"{refused.Message} Check the key: --api-key-file, --api-key, or the REALTIME_ASR_API_KEY environment variable (DASHSCOPE_API_KEY for Alibaba Cloud).",
        RealtimeAsrException or TimeoutException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            or UnauthorizedAccessException or IOException or ArgumentException => exception.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    public static string Describe(ErrorEvent error)
    {
        var where = string.IsNullOrEmpty(error.Error.Param) ? "" : $" ({error.Error.Param})";
        var code = string.IsNullOrEmpty(error.Error.Code) ? error.Error.Type : error.Error.Code;
        return $"the server answered with error {code}{where}: {error.Error.Message}";
    }

    /// <summary>Writes <paramref name="message"/> to standard error as the one line <c>realtime-asr: …</c>.</summary>
    public static Task ReportAsync(CliEnvironment environment, string message) =>
        environment.Error.WriteLineAsync("realtime-asr: " + OneLine(message));

    /// <summary>Makes a message fit on one line.</summary>
    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
