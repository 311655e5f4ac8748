namespace RealtimeAsr.Audio.Tests.Decoding;

public sealed class AudioInputDecoderTests
{
    [Theory]
    [InlineData("pcm", 16000, typeof(Pcm16InputDecoder))]
    [InlineData("pcm", 8000, typeof(Pcm16InputDecoder))]
    [InlineData("pcm16", 16000, typeof(Pcm16InputDecoder))]
    [InlineData("opus", 16000, typeof(OggOpusInputDecoder))]
    [InlineData("opus", 8000, typeof(OggOpusInputDecoder))]
    public void Creates_the_decoder_for_the_format(string format, int sampleRate, Type expected)
    {
        using var decoder = AudioInputDecoder.Create(format, sampleRate);

        Assert.IsType(expected, decoder);
        if (decoder is Pcm16InputDecoder pcm)
        {
            Assert.Equal(sampleRate, pcm.SampleRate);
        }
    }

    [Theory]
    [InlineData("wav", 16000)]
    [InlineData("PCM", 16000)]
    [InlineData("", 16000)]
    [InlineData("pcm", 44100)]
    [InlineData("opus", 48000)]
    [InlineData("pcm", 0)]
    public void Rejects_unsupported_formats_and_rates(string format, int sampleRate) =>
        Assert.Throws<ArgumentException>(() => AudioInputDecoder.Create(format, sampleRate));
}
