namespace RealtimeAsr.Audio;

/// <summary>
/// An uploaded file is not in a format this project decodes (or is a kind of a supported format it does not decode,
/// such as 12-bit WAV). The message says what the file is and what is accepted, for the client.
/// </summary>
public sealed class UnsupportedAudioFileException : Exception
{
    public UnsupportedAudioFileException()
        : base($"Unsupported audio file. Accepted: {AudioFileDecoder.AcceptedFormats}.")
    {
    }

    public UnsupportedAudioFileException(string message)
        : base(message)
    {
    }

    public UnsupportedAudioFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
