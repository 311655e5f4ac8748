using System.Net;

namespace RealtimeAsr.Client;

/// <summary>
/// The server refused the WebSocket upgrade with an HTTP status: 401/403 for a missing or wrong API key, 404 for a
/// wrong path or model, 429 when throttled. Carries the status and the response body.
/// </summary>
public sealed class RealtimeAsrHandshakeException : RealtimeAsrConnectionException
{
    /// <summary>Creates the exception.</summary>
    public RealtimeAsrHandshakeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RealtimeAsrHandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RealtimeAsrHandshakeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP answer.</summary>
    public RealtimeAsrHandshakeException(
        string message,
        HttpStatusCode statusCode,
        string? responseBody,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders,
        Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
        ResponseHeaders = responseHeaders ?? new Dictionary<string, IEnumerable<string>>();
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body (truncated to 64 KiB), or <see langword="null"/> when there was none.</summary>
    public string? ResponseBody { get; }

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> ResponseHeaders { get; } = new Dictionary<string, IEnumerable<string>>();
}
