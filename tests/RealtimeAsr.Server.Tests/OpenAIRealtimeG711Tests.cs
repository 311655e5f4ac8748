using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// G.711 input (<c>audio/pcmu</c>, <c>audio/pcma</c>): the same 8 kHz audio, encoded here, transcribes to the same words
/// as that audio sent as 8 kHz PCM through the same session path (the Qwen endpoint at <c>sample_rate</c> 8000).
/// </summary>
[Collection(SharedServer.Name)]
public sealed class OpenAIRealtimeG711Tests(ServerFixture server, ITestOutputHelper output)
{
    [Theory]
    [InlineData("audio/pcmu", "ul")]
    [InlineData("audio/pcma", "al")]
    public async Task G711_gives_the_same_words_as_the_same_audio_as_8kHz_PCM(string format, string soxType)
    {
        var clip = TestAudio.LibriVoxClips()[3];
        var pcm8k = TestAudio.ResampleWithSox(clip.Samples, 8000);
        var encoded = format == "audio/pcmu" ? G711.EncodeMuLaw(pcm8k) : G711.EncodeALaw(pcm8k);

        await using var client = await OpenAIRawClient.ConnectAsync(server);
        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"format":{"type":""" + $"\"{format}\"" + """},"turn_detection":null}}}}""");
        await client.AppendAsync(encoded, chunkBytes: 1601); // odd chunks: each byte is a whole sample
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        await client.ReceiveCompletedAsync(1);
        var g711 = Assert.Single(client.Transcripts()).Transcript;

        // The same G.711 bytes expanded by sox (a decoder independent of the server's), sent as 8 kHz PCM: identical
        // samples reach the session, so the words must be identical.
        var expanded = await TranscribePcm8kAsync(Expand(encoded, soxType));
        // And the audio before G.711's quantisation: the words barely move.
        var original = await TranscribePcm8kAsync(pcm8k);
        var drift = WordErrorRate.Compute(original, g711);
        output.WriteLine($"{format}: {g711}\nPCM of the same bytes: {expanded}\noriginal 8 kHz PCM: {original} (word difference {drift:P1})");

        Assert.NotEmpty(g711);
        Assert.Equal(expanded, g711);
        Assert.True(drift <= 0.15, $"G.711 vs the original PCM: {drift:P1}");
    }

    private async Task<string> TranscribePcm8kAsync(short[] samples)
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":8000,"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(samples));
        await client.CommitAsync();
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        return Assert.Single(EventSequenceAssert.Utterances(events, serverVad: false)).Transcript;
    }

    private static short[] Expand(byte[] encoded, string soxType)
    {
        var input = Path.Combine(Path.GetTempPath(), $"g711-{Guid.NewGuid():N}.{soxType}");
        var result = Path.ChangeExtension(input, ".raw");
        try
        {
            File.WriteAllBytes(input, encoded);
            TestAudio.Run("sox", "-t", soxType, "-r", "8000", "-c", "1", input, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", result);
            return TestAudio.ToSamples(File.ReadAllBytes(result));
        }
        finally
        {
            File.Delete(input);
            File.Delete(result);
        }
    }

    /// <summary>A tiny G.711 encoder (ITU-T G.711, as the classic reference implementations).</summary>
    private static class G711
    {
        public static byte[] EncodeMuLaw(short[] samples) => [.. samples.Select(MuLaw)];

        public static byte[] EncodeALaw(short[] samples) => [.. samples.Select(ALaw)];

        private static byte MuLaw(short sample)
        {
            const int bias = 0x84, clip = 32635;
            int value = sample;
            var sign = value < 0 ? 0x80 : 0;
            value = Math.Min(Math.Abs(value), clip) + bias;
            var exponent = 7;
            for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
            {
                exponent--;
            }

            var mantissa = (value >> (exponent + 3)) & 0x0F;
            return (byte)~(sign | (exponent << 4) | mantissa);
        }

        private static byte ALaw(short sample)
        {
            var value = sample >> 3; // 13-bit
            int mask;
            if (value >= 0)
            {
                mask = 0xD5;
            }
            else
            {
                mask = 0x55;
                value = -value - 1;
            }

            var segment = 0;
            while (segment < 8 && value > (0x20 << segment) - 1)
            {
                segment++;
            }

            if (segment >= 8)
            {
                return (byte)(0x7F ^ mask);
            }

            var code = segment << 4;
            code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
            return (byte)(code ^ mask);
        }
    }
}
