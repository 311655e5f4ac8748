namespace RealtimeAsr.Audio;

/// <summary>A file's audio lasts longer than the caller allows; decoding stopped there.</summary>
public sealed class AudioTooLongException : Exception
{
    public AudioTooLongException()
        : base("The audio is longer than allowed.")
    {
    }

    public AudioTooLongException(string message)
        : base(message)
    {
    }

    public AudioTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
