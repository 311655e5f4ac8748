namespace RealtimeAsr.Recognition.Tests;

/// <summary>Feeds audio to a decoder the way a session does: in chunks, asking for a partial after each.</summary>
internal static class Streaming
{
    public const int SamplesPer100Ms = 100 * RecognitionAudio.SamplesPerMillisecond;

    /// <summary>
    /// Accepts <paramref name="samples"/> in chunks of <paramref name="chunkSamples"/> and returns the final transcript.
    /// <paramref name="onPartial"/>, if given, gets the samples accepted so far and the partial after each chunk.
    /// </summary>
    public static string Decode(IUtteranceDecoder decoder, short[] samples, int chunkSamples, Action<int, string>? onPartial = null)
    {
        Accept(decoder, samples, chunkSamples, onPartial);
        return decoder.Complete();
    }

    public static void Accept(IUtteranceDecoder decoder, ReadOnlySpan<short> samples, int chunkSamples, Action<int, string>? onPartial = null)
    {
        for (var offset = 0; offset < samples.Length; offset += chunkSamples)
        {
            var chunk = samples.Slice(offset, Math.Min(chunkSamples, samples.Length - offset));
            decoder.Accept(chunk);
            onPartial?.Invoke(offset + chunk.Length, decoder.GetPartial());
        }
    }
}
