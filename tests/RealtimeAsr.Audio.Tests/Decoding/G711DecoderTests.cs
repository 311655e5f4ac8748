namespace RealtimeAsr.Audio.Tests.Decoding;

/// <summary>G.711 expansion against values of the ITU-T G.711 tables.</summary>
public sealed class G711DecoderTests
{
    [Theory]
    [InlineData(0xFF, false, 0)] // μ-law: the smallest positive code is zero
    [InlineData(0x7F, false, 0)]
    [InlineData(0x80, false, 32124)] // μ-law: stored complemented, so 0x80 is the largest positive
    [InlineData(0x00, false, -32124)] // and 0x00 the largest negative
    [InlineData(0xD5, true, 8)] // A-law: the smallest positive code
    [InlineData(0x55, true, -8)]
    [InlineData(0xAA, true, 32256)] // A-law: largest positive
    [InlineData(0x2A, true, -32256)]
    public void Known_codes_expand_to_the_table_values(int code, bool aLaw, int expected)
    {
        var pcm = new byte[2];
        G711Decoder.Decode([(byte)code], aLaw, pcm);

        Assert.Equal(expected, BitConverter.ToInt16(pcm));
    }
}
