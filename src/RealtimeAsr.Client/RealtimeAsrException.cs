namespace RealtimeAsr.Client;

/// <summary>Base of every exception the client throws for a failure on the connection or the server.</summary>
public class RealtimeAsrException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RealtimeAsrException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RealtimeAsrException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RealtimeAsrException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
