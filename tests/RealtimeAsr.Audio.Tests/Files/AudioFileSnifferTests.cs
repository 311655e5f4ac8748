using RealtimeAsr.Testing;

namespace RealtimeAsr.Audio.Tests.Files;

public sealed class AudioFileSnifferTests
{
    [Fact]
    public void Real_files_are_told_by_their_bytes()
    {
        Assert.Equal(AudioFileFormat.Wav, AudioFileSniffer.Detect(File.ReadAllBytes(AudioFiles.Clip0870)));
        Assert.Equal(AudioFileFormat.Mp3, AudioFileSniffer.Detect(File.ReadAllBytes(AudioFiles.Mp3Sample)));
        Assert.Equal(AudioFileFormat.OggOpus, AudioFileSniffer.Detect(TestAudio.EncodeOggOpus(TestAudio.Silence(200))));
        Assert.Equal(AudioFileFormat.Flac, AudioFileSniffer.Detect(AudioFiles.Convert(AudioFiles.Clip0870, "flac")));
        Assert.Equal(AudioFileFormat.OggOther, AudioFileSniffer.Detect(AudioFiles.Convert(AudioFiles.Clip0870, "ogg")));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, AudioFileFormat.Mp3)] // MPEG-1 layer III, 128 kb/s, 44.1 kHz
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 4 }, AudioFileFormat.Mp3)]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, AudioFileFormat.Unknown)] // AAC ADTS: layer bits 00
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x64 }, AudioFileFormat.Unknown)] // bad bitrate index
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, AudioFileFormat.Unknown)]
    [InlineData(new byte[0], AudioFileFormat.Unknown)]
    public void Headers(byte[] head, AudioFileFormat expected) => Assert.Equal(expected, AudioFileSniffer.Detect(head));
}
