using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Tests.Support;

namespace RealtimeAsr.Client.Tests.Audio;

public sealed class WavHeaderTests
{
    [Fact]
    public void Reads_a_plain_pcm16_mono_header_and_stops_at_the_samples()
    {
        var wav = WavBuilder.Build(16000, 1, 16, [1, 2, 3, 4], extraChunk: true);
        using var stream = new MemoryStream(wav);

        var header = WavHeader.Read(stream);

        Assert.Equal(new WavHeader(WavFormatTag.Pcm, 1, 16000, 16, 4), header);
        Assert.True(header.IsPcm16Mono);
        Assert.Equal(1, stream.ReadByte());
        Assert.Equal("16000 Hz, mono, 16-bit PCM", header.ToString());
    }

    [Fact]
    public void Reads_extensible_and_float_headers()
    {
        var extensible = WavHeader.Read(new MemoryStream(WavBuilder.Build(48000, 2, 24, new byte[12], formatTag: 0xFFFE)));
        var floating = WavHeader.Read(new MemoryStream(WavBuilder.Build(44100, 1, 32, new byte[8], formatTag: 3)));

        Assert.Equal(WavFormatTag.Pcm, extensible.Format);
        Assert.Equal(2, extensible.Channels);
        Assert.Equal(24, extensible.BitsPerSample);
        Assert.False(extensible.IsPcm16Mono);
        Assert.Equal(WavFormatTag.IeeeFloat, floating.Format);
        Assert.Equal(TimeSpan.FromSeconds(2.0 / 44100), floating.Duration);
    }

    [Fact]
    public void A_streamed_wav_has_no_length()
    {
        var header = WavHeader.Read(new MemoryStream(WavBuilder.Build(16000, 1, 16, new byte[10], unknownLength: true)));

        Assert.Null(header.DataLength);
        Assert.Null(header.Duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OggS and more bytes")]
    [InlineData("RIFF\0\0\0\0WAVE")]
    public void Non_wav_input_is_invalid_data(string text) =>
        Assert.Throws<InvalidDataException>(() => WavHeader.Read(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text))));
}
