using System.Globalization;

namespace RealtimeAsr.Server;

/// <summary>
/// The fields of a <c>POST /v1/audio/transcriptions</c> form, checked. Fields OpenAI defines that change nothing here
/// (<c>temperature</c>, <c>timestamp_granularities[]</c>, <c>chunking_strategy</c>, <c>include[]</c>) are accepted and
/// ignored; see docs/OPENAI.md for each.
/// </summary>
/// <param name="File">The uploaded file.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Language">The <c>language</c>, or <see langword="null"/> (automatic).</param>
/// <param name="Prompt">The <c>prompt</c>, or <see langword="null"/>.</param>
/// <param name="Format">One of <see cref="Formats"/>.</param>
/// <param name="Stream">Whether to answer with server-sent events.</param>
public sealed record TranscriptionRequest(IFormFile File, string Model, string? Language, string? Prompt, string Format, bool Stream)
{
    /// <summary>The <c>response_format</c> values served.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["json", "text", "srt", "verbose_json", "vtt"];

    /// <summary>Reads <paramref name="form"/>; on failure <paramref name="problem"/> says what is wrong, for a 400.</summary>
    public static bool TryRead(IFormCollection form, out TranscriptionRequest request, out TranscriptionFailedException problem)
    {
        ArgumentNullException.ThrowIfNull(form);
        request = null!;
        problem = null!;
        if (form.Files.GetFile("file") is not { } file)
        {
            problem = Invalid("file", "Missing the 'file' field: send the audio as a multipart file part named 'file'.");
            return false;
        }

        var model = form["model"].ToString().Trim();
        if (model.Length == 0)
        {
            problem = Invalid("model", "Missing the 'model' field, e.g. model=qwen3-asr-flash-realtime (GET /v1/models lists them).");
            return false;
        }

        var format = form.TryGetValue("response_format", out var formatValue) ? formatValue.ToString().Trim() : "json";
        if (!Formats.Contains(format))
        {
            problem = Invalid("response_format", $"Invalid response_format '{format}'. Supported: {string.Join(", ", Formats)}.");
            return false;
        }

        var stream = false;
        if (form.TryGetValue("stream", out var streamValue) && !bool.TryParse(streamValue.ToString().Trim(), out stream))
        {
            problem = Invalid("stream", $"Invalid stream '{streamValue}': use true or false.");
            return false;
        }

        if (stream && format is not ("json" or "text"))
        {
            problem = Invalid("stream", $"stream=true sends server-sent events, which response_format '{format}' has no form for: use json or text, or stream=false.");
            return false;
        }

        if (form.TryGetValue("temperature", out var temperature)
            && !(double.TryParse(temperature.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 1))
        {
            problem = Invalid("temperature", $"Invalid temperature '{temperature}': a number from 0 to 1.");
            return false;
        }

        foreach (var granularity in form["timestamp_granularities[]"].Concat(form["timestamp_granularities"]))
        {
            if (granularity is not ("segment" or "word"))
            {
                problem = Invalid("timestamp_granularities[]", $"Invalid timestamp granularity '{granularity}'. Supported: segment, word (word is accepted, and answered with segments only).");
                return false;
            }
        }

        request = new TranscriptionRequest(file, model, Optional(form, "language"), Optional(form, "prompt"), format, stream);
        return true;
    }

    private static string? Optional(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;

    private static TranscriptionFailedException Invalid(string param, string message) =>
        new(StatusCodes.Status400BadRequest, message, param, "invalid_value");
}
