namespace RealtimeAsr.Protocol;

/// <summary><c>input_audio_buffer.append</c>: one chunk of audio in the session's format, base64 on the wire.</summary>
public sealed class InputAudioBufferAppendEvent : ClientEvent
{
    /// <summary>Largest <c>audio</c> field the service accepts in one append: 15 MiB of base64 text.</summary>
    public const int MaxAudioBase64Length = 15 * 1024 * 1024;

    /// <inheritdoc />
    public override string Type => EventTypes.InputAudioBufferAppend;

    /// <summary>The audio bytes (serialised as base64).</summary>
    public ReadOnlyMemory<byte> Audio { get; set; }
}
