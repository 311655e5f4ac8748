using System.Buffers;

namespace RealtimeAsr.Audio;

/// <summary>
/// Turns the bytes of one session's <c>input_audio_buffer.append</c> events into mono 16-bit samples at
/// <see cref="AudioFormat.EngineSampleRate"/>. Stateful and not thread-safe: one instance per session, fed in order.
/// Chunks may be split anywhere (mid-sample, mid-page); the output depends only on the concatenated bytes.
/// </summary>
public interface IAudioInputDecoder : IDisposable
{
    /// <summary>Decodes <paramref name="data"/> and appends the samples it completes to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidAudioException">
    /// Some of the bytes are not valid in this decoder's format. The decoder has skipped them and recovered: it throws
    /// after decoding all of <paramref name="data"/>, the samples written to <paramref name="output"/> are valid, and
    /// decoding goes on with the next call (no <see cref="Reset"/> needed).
    /// </exception>
    void Decode(ReadOnlySpan<byte> data, IBufferWriter<short> output);

    /// <summary>Forgets all buffered bytes and stream state, so that the next byte starts a new stream.</summary>
    void Reset();
}
