namespace RealtimeAsr.Recognition;

/// <summary>
/// An engine's failure on one utterance that the client should be told about in words of its own: a remote backend
/// that cannot be reached, refused the server's credentials or did not answer in time. The session reports the item as
/// failed with <see cref="Code"/> and the message, so the message must name the cause and never carry a secret. Any
/// other exception from an engine is reported as <c>recognition_failed</c>.
/// </summary>
public sealed class RecognitionFailedException : Exception
{
    /// <summary>Creates the failure with its protocol error code (one of <c>RealtimeAsr.Protocol.ErrorCodes</c>).</summary>
    public RecognitionFailedException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    /// <summary>The error code the item fails with, e.g. <c>backend_unavailable</c>.</summary>
    public string Code { get; }
}
