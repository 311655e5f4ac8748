namespace RealtimeAsr.Server;

/// <summary>
/// A file transcription that cannot go on, with the HTTP status and OpenAI error it is answered with (when the response
/// has not begun; a stream ends with an <c>error</c> event instead).
/// </summary>
public sealed class TranscriptionFailedException : Exception
{
    public TranscriptionFailedException()
    {
    }

    public TranscriptionFailedException(string message)
        : base(message)
    {
    }

    public TranscriptionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a failure answered with <paramref name="status"/>.</summary>
    public TranscriptionFailedException(int status, string message, string? param, string code)
        : base(message)
    {
        Status = status;
        Param = param;
        Code = code;
    }

    /// <summary>The HTTP status. Default 500.</summary>
    public int Status { get; } = StatusCodes.Status500InternalServerError;

    /// <summary>The request field at fault, or <see langword="null"/>.</summary>
    public string? Param { get; }

    /// <summary>The OpenAI error code.</summary>
    public string Code { get; } = "server_error";
}
