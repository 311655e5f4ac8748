namespace RealtimeAsr.Protocol;

/// <summary>The <c>error</c> object of a <c>…transcription.failed</c> event.</summary>
public sealed class TranscriptionError
{
    /// <summary>Machine-readable code, e.g. <c>audio_unintelligible</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Human-readable explanation.</summary>
    public string Message { get; set; } = "";

    /// <summary>The related parameter, usually <see langword="null"/>.</summary>
    public string? Param { get; set; }
}
