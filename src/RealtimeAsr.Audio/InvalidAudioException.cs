namespace RealtimeAsr.Audio;

/// <summary>
/// The client's audio bytes cannot be decoded in the session's format (a broken Ogg page, a stream that is not Opus,
/// a corrupt Opus packet). The message says what was wrong and is meant for the client's <c>error</c> event.
/// </summary>
public sealed class InvalidAudioException : Exception
{
    public InvalidAudioException()
        : base("The audio data is invalid.")
    {
    }

    public InvalidAudioException(string message)
        : base(message)
    {
    }

    public InvalidAudioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
