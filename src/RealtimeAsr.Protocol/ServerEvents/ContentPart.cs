namespace RealtimeAsr.Protocol;

/// <summary>A content part of a conversation item.</summary>
public sealed class ContentPart
{
    /// <summary>Always <c>input_audio</c>.</summary>
    public string Type { get; set; } = "input_audio";

    /// <summary>Always <see langword="null"/>: the text arrives in <c>…transcription.completed</c>.</summary>
    public string? Transcript { get; set; }
}
