namespace RealtimeAsr.Protocol;

/// <summary>The <c>error</c> object of an <c>error</c> event.</summary>
public sealed class ErrorDetail
{
    /// <summary><see cref="ErrorTypes"/>: <c>invalid_request_error</c> or <c>server_error</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Machine-readable code, one of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Human-readable explanation.</summary>
    public string Message { get; set; } = "";

    /// <summary>The parameter at fault, e.g. <c>session.sample_rate</c>, or <see langword="null"/>.</summary>
    public string? Param { get; set; }

    /// <summary>The <c>event_id</c> of the client event that caused it, or <see langword="null"/>.</summary>
    public string? EventId { get; set; }
}
