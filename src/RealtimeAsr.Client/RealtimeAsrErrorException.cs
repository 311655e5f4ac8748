using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

/// <summary>
/// The server answered a request the caller awaits (opening or updating the session, finishing it) with an
/// <c>error</c> event. The event itself is also delivered to the event reader.
/// </summary>
public sealed class RealtimeAsrErrorException : RealtimeAsrException
{
    /// <summary>Creates the exception.</summary>
    public RealtimeAsrErrorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RealtimeAsrErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RealtimeAsrErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an <c>error</c> event.</summary>
    public RealtimeAsrErrorException(ErrorEvent errorEvent)
        : base(Describe(errorEvent))
    {
        ArgumentNullException.ThrowIfNull(errorEvent);
        ErrorEvent = errorEvent;
    }

    /// <summary>The event, or <see langword="null"/> when the exception was created without one.</summary>
    public ErrorEvent? ErrorEvent { get; }

    /// <summary><c>error.type</c>: <c>invalid_request_error</c> (the session stays open) or <c>server_error</c>.</summary>
    public string? ErrorType => ErrorEvent?.Error.Type;

    /// <summary><c>error.code</c>, e.g. <c>invalid_value</c>.</summary>
    public string? Code => ErrorEvent?.Error.Code;

    /// <summary><c>error.param</c>: the field at fault, e.g. <c>session.sample_rate</c>.</summary>
    public string? Param => ErrorEvent?.Error.Param;

    /// <summary><c>error.event_id</c>: the id of the client event that caused the error.</summary>
    public string? ClientEventId => ErrorEvent?.Error.EventId;

    /// <summary>The server's <c>event_id</c> of the error event.</summary>
    public string? EventId => ErrorEvent?.EventId;

    private static string Describe(ErrorEvent errorEvent)
    {
        ArgumentNullException.ThrowIfNull(errorEvent);
        var error = errorEvent.Error;
        var where = string.IsNullOrEmpty(error.Param) ? "" : $" ({error.Param})";
        var code = string.IsNullOrEmpty(error.Code) ? error.Type : error.Code;
        return $"The server answered with error {code}{where}: {error.Message}";
    }
}
