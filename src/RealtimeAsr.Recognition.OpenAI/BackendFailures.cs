using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// Turns what went wrong with a request to the backend into the failure the client sees on that item: a
/// <see cref="RecognitionFailedException"/> whose code says whose problem it is (<c>backend_unavailable</c>,
/// <c>backend_timeout</c>, <c>backend_unauthorized</c>, else <c>recognition_failed</c>) and whose message names the
/// cause and the engine, never the backend's address nor its key (the message reaches clients; the log has the rest).
/// </summary>
internal static class BackendFailures
{
    /// <summary>The longest part of a backend's own error message passed on.</summary>
    public const int MaxBackendMessageLength = 200;

    /// <summary>The failure for an answer with an error status.</summary>
    public static RecognitionFailedException FromResponse(string engine, HttpStatusCode status, string? body)
    {
        var code = (int)status;
        var http = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}");
        return status switch
        {
            // The backend's own words are left out here: a refused key is sometimes echoed in them.
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RecognitionFailedException(ErrorCodes.BackendUnauthorized,
                $"The backend of engine '{engine}' refused this server's key ({http}); the server's operator must fix its ApiKey."),
            HttpStatusCode.RequestTimeout => new RecognitionFailedException(ErrorCodes.BackendTimeout,
                $"The backend of engine '{engine}' timed out on the request ({http}{Detail(body)})."),
            HttpStatusCode.TooManyRequests => new RecognitionFailedException(ErrorCodes.BackendUnavailable,
                $"The backend of engine '{engine}' is overloaded ({http}{Detail(body)})."),
            _ when code >= 500 => new RecognitionFailedException(ErrorCodes.BackendUnavailable,
                $"The backend of engine '{engine}' failed ({http}{Detail(body)})."),
            _ => new RecognitionFailedException(ErrorCodes.RecognitionFailed,
                $"The backend of engine '{engine}' refused the request ({http}{Detail(body)})."),
        };
    }

    /// <summary>
    /// The failure for an exception of a request, or <see langword="null"/> when it is not the backend's (a
    /// cancellation by the caller, a bug), which is then thrown as it is.
    /// </summary>
    public static RecognitionFailedException? FromException(string engine, Exception exception, TimeSpan timeout) => exception switch
    {
        BrokenCircuitException => new RecognitionFailedException(ErrorCodes.BackendUnavailable,
            $"The backend of engine '{engine}' failed repeatedly and is given a rest; it is tried again shortly.", exception),
        TimeoutRejectedException => new RecognitionFailedException(ErrorCodes.BackendTimeout,
            string.Create(CultureInfo.InvariantCulture, $"The backend of engine '{engine}' did not answer within {timeout.TotalSeconds:0.###} s."), exception),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } request =>
            new RecognitionFailedException(ErrorCodes.BackendUnavailable,
                $"The backend of engine '{engine}' cannot be reached ({Describe(request.HttpRequestError)}).", exception),
        HttpRequestException request => new RecognitionFailedException(ErrorCodes.BackendUnavailable,
            $"The backend of engine '{engine}' failed ({Describe(request.HttpRequestError)}).", exception),
        JsonException => new RecognitionFailedException(ErrorCodes.RecognitionFailed,
            $"The backend of engine '{engine}' answered with something other than a JSON transcription.", exception),
        _ => null,
    };

    /// <summary>The backend's own error message, from OpenAI's <c>{"error":{"message"}}</c>, vLLM's or FastAPI's shapes.</summary>
    internal static string? BackendMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                message = Field(root, "error") is { ValueKind: JsonValueKind.Object } error ? Text(Field(error, "message"))
                    : Text(Field(root, "error")) ?? Text(Field(root, "message")) ?? Text(Field(root, "detail"));
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's HTML page or plain text; the first line says enough.
            message = body.Split('\n', 2)[0];
        }

        message = message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        return message.Length <= MaxBackendMessageLength ? message : message[..MaxBackendMessageLength] + "…";
    }

    private static string Detail(string? body) => BackendMessage(body) is { } message ? ": " + message : "";

    private static JsonElement? Field(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.NameResolutionError => "its host name does not resolve",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "it closed the connection before answering",
        HttpRequestError.InvalidResponse => "its answer is not valid HTTP",
        HttpRequestError.ConfigurationLimitExceeded => "its answer is larger than this server reads",
        _ => "the request failed",
    };
}
