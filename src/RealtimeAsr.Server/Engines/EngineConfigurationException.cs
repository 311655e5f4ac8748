namespace RealtimeAsr.Server;

/// <summary>An engine's settings are wrong; the message names the engine, the setting and the fix.</summary>
public sealed class EngineConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says what to fix.</summary>
    public EngineConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message that says what to fix and the error behind it.</summary>
    public EngineConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public EngineConfigurationException()
    {
    }
}
