namespace RealtimeAsr.Audio;

/// <summary>Decodes an Ogg Opus file with the live path's own <see cref="OggOpusInputDecoder"/> (always 16 kHz mono out).</summary>
public static class OggOpusFileDecoder
{
    // Input fed per call: the output is checked against the limit this often, so a tiny file that expands to hours of
    // audio is stopped early.
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Decodes <paramref name="file"/>, stopping with <see cref="AudioTooLongException"/> beyond <paramref name="maxDuration"/> (Opus is always decoded at 16 kHz, as live).</summary>
    /// <exception cref="InvalidAudioException">Part of the stream is damaged, or it holds no audio.</exception>
    public static DecodedAudio Decode(ReadOnlySpan<byte> file, TimeSpan maxDuration)
    {
        using var decoder = new OggOpusInputDecoder();
        var output = new System.Buffers.ArrayBufferWriter<short>();
        for (var offset = 0; offset < file.Length; offset += ChunkBytes)
        {
            decoder.Decode(file.Slice(offset, Math.Min(ChunkBytes, file.Length - offset)), output);
            if (output.WrittenCount > maxDuration.TotalSeconds * AudioFormat.EngineSampleRate)
            {
                throw MonoSampleCollector.TooLong(maxDuration);
            }
        }

        if (decoder.Header is not { } header)
        {
            throw new InvalidAudioException("The Ogg Opus file ends before its identification header.");
        }

        return new DecodedAudio(output.WrittenSpan.ToArray(), AudioFormat.EngineSampleRate, AudioFileFormat.OggOpus, header.InputSampleRate > 0 ? header.InputSampleRate : 48000, header.Channels);
    }
}
