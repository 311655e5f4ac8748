using System.Buffers;

namespace RealtimeAsr.Sessions;

/// <summary>
/// <c>input_audio_buffer.append</c> with its audio already base64-decoded into a pooled array;
/// the session returns the array to <see cref="ArrayPool{T}.Shared"/> once it has consumed it.
/// </summary>
public sealed record AppendAudio(string? EventId, byte[] Buffer, int Length) : SessionCommand(EventId)
{
    /// <summary>The decoded audio bytes.</summary>
    public ReadOnlySpan<byte> Audio => Buffer.AsSpan(0, Length);

    /// <summary>Returns the buffer to the pool; the command must not be used afterwards.</summary>
    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
