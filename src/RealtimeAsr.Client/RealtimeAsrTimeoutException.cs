namespace RealtimeAsr.Client;

/// <summary>
/// The server did not answer in time: no <c>session.updated</c> within
/// <see cref="RealtimeAsrClientOptions.ConnectTimeout"/>, no server event for
/// <see cref="RealtimeAsrClientOptions.FinishTimeout"/> while finishing, or a frame that could not be written within
/// <see cref="RealtimeAsrClientOptions.SendTimeout"/>.
/// </summary>
/// <remarks>Part of the <see cref="RealtimeAsrException"/> hierarchy, so one <c>catch</c> covers every failure of the SDK;
/// the <see cref="Exception.InnerException"/> is the <see cref="TimeoutException"/> or cancellation that ended the wait, if any.</remarks>
public class RealtimeAsrTimeoutException : RealtimeAsrException
{
    /// <summary>Creates the exception.</summary>
    public RealtimeAsrTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RealtimeAsrTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RealtimeAsrTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
