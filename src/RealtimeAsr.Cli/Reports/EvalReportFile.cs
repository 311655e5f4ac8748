using System.Text.Json;

namespace RealtimeAsr.Cli.Reports;

/// <summary>Writes the JSON report (<c>--output</c>) and reads a saved one back (<c>--compare</c>).</summary>
internal static class EvalReportFile
{
    public static string ToJson(EvalReport report) => JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport);

    public static Task WriteAsync(string path, EvalReport report, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, ToJson(report) + "\n", cancellationToken);

    /// <exception cref="InvalidDataException">The file is missing or is not a report of <c>realtime-asr eval</c>; the message names it.</exception>
    public static EvalReport Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), EvalJsonContext.Default.EvalReport)
                ?? throw new InvalidDataException($"{path}: not a report of realtime-asr eval (null)");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not a report of realtime-asr eval --json ({exception.Message})", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: {exception.Message}", exception);
        }
    }
}
