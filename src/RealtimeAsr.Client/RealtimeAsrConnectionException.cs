using System.Net.WebSockets;

namespace RealtimeAsr.Client;

/// <summary>
/// The connection could not be opened (DNS, refused, TLS, timeout) or was lost: the server closed it abnormally or
/// the socket failed. <see cref="RealtimeAsrHandshakeException"/> is the case where the server answered with an HTTP status.
/// </summary>
public class RealtimeAsrConnectionException : RealtimeAsrException
{
    /// <summary>Creates the exception.</summary>
    public RealtimeAsrConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RealtimeAsrConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RealtimeAsrConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a close frame the server sent.</summary>
    public RealtimeAsrConnectionException(string message, WebSocketCloseStatus? closeStatus, string? closeDescription)
        : base(message)
    {
        CloseStatus = closeStatus;
        CloseDescription = closeDescription;
    }

    /// <summary>The close status the server sent, when it closed the connection; otherwise <see langword="null"/>.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>The close reason the server sent, if any.</summary>
    public string? CloseDescription { get; }
}
