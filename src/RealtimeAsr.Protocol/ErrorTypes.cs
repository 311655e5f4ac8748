namespace RealtimeAsr.Protocol;

/// <summary><c>error.type</c> values: request errors keep the connection, server errors close it.</summary>
public static class ErrorTypes
{
    /// <summary>The client sent something wrong; the session stays open.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>The server failed; the connection is closed after the event.</summary>
    public const string Server = "server_error";
}
