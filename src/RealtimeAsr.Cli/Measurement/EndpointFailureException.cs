namespace RealtimeAsr.Cli.Measurement;

/// <summary>
/// The endpoint could not be reached or refused the session before sending any event (wrong key, unknown model,
/// nothing listening): every other file would fail the same way, so the whole run stops.
/// </summary>
internal sealed class EndpointFailureException : Exception
{
    public EndpointFailureException()
    {
    }

    public EndpointFailureException(string message)
        : base(message)
    {
    }

    public EndpointFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
