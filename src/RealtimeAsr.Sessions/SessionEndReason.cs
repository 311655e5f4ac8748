namespace RealtimeAsr.Sessions;

/// <summary>Why a session ended with <c>session.finished</c>, for the transport to close with the right code.</summary>
public enum SessionEndReason
{
    /// <summary><c>session.finish</c>, from the client or from a server shutting down.</summary>
    Finished,

    /// <summary>The client sent nothing for <see cref="SessionLimits.IdleTimeout"/>.</summary>
    IdleTimeout,

    /// <summary>The session reached <see cref="SessionLimits.MaxSessionDuration"/>.</summary>
    Expired,
}
