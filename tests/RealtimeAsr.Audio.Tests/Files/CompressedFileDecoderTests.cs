using RealtimeAsr.Testing;

namespace RealtimeAsr.Audio.Tests.Files;

/// <summary>MP3 (the committed LAME file) and Ogg Opus uploads, and the compressed formats that are refused.</summary>
public sealed class CompressedFileDecoderTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static int OriginalLength => TestAudio.ReadWav(AudioFiles.Clip0870).Samples.Length;

    [Fact]
    public void Mp3_at_44_1_kHz_stereo_decodes_to_16_kHz_mono_of_the_same_duration()
    {
        var decoded = AudioFileDecoder.Decode(File.ReadAllBytes(AudioFiles.Mp3Sample), Hour);

        Assert.Equal((AudioFileFormat.Mp3, 44100, 2), (decoded.Format, decoded.SourceSampleRate, decoded.SourceChannels));
        // MP3 adds the encoder's delay and pads to whole frames (1152 samples at 44.1 kHz, 26 ms): within 100 ms.
        Assert.InRange(decoded.Samples.Length, OriginalLength - 1600, OriginalLength + 1600);
        Assert.Contains(decoded.Samples, s => Math.Abs((int)s) > 3000);
    }

    [Fact]
    public void Mp3_frames_of_garbage_are_invalid()
    {
        var garbage = new byte[4000];
        new Random(7).NextBytes(garbage);
        "ID3"u8.CopyTo(garbage);

        Assert.Throws<InvalidAudioException>(() => AudioFileDecoder.Decode(garbage, Hour));
    }

    [Fact]
    public void Ogg_opus_decodes_with_the_live_decoder()
    {
        var original = TestAudio.ReadWav(AudioFiles.Clip0870).Samples;

        var decoded = AudioFileDecoder.Decode(TestAudio.EncodeOggOpus(original), Hour);

        Assert.Equal(AudioFileFormat.OggOpus, decoded.Format);
        Assert.InRange(decoded.Samples.Length, original.Length - 160, original.Length + 160);
    }

    [Fact]
    public void Ogg_opus_longer_than_the_limit_is_refused()
    {
        var opus = TestAudio.EncodeOggOpus(TestAudio.ReadWav(AudioFiles.Clip0870).Samples);

        Assert.Throws<AudioTooLongException>(() => AudioFileDecoder.Decode(opus, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("flac", "FLAC")]
    [InlineData("ogg", "Vorbis")]
    public void Flac_and_vorbis_are_refused_naming_what_is_accepted(string type, string named)
    {
        var file = AudioFiles.Convert(AudioFiles.Clip0870, type);

        var error = Assert.Throws<UnsupportedAudioFileException>(() => AudioFileDecoder.Decode(file, Hour));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(AudioFileDecoder.AcceptedFormats, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_bytes_are_refused_naming_what_is_accepted()
    {
        var error = Assert.Throws<UnsupportedAudioFileException>(() => AudioFileDecoder.Decode("just some text"u8.ToArray(), Hour));
        Assert.Contains(AudioFileDecoder.AcceptedFormats, error.Message, StringComparison.Ordinal);
    }
}
