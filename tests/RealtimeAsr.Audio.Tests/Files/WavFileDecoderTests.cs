using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Audio.Tests.Files;

public sealed class WavFileDecoderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Pcm16_at_16_kHz_mono_is_passed_through()
    {
        var expected = TestAudio.ReadWav(AudioFiles.Clip0870).Samples;

        var decoded = AudioFileDecoder.Decode(File.ReadAllBytes(AudioFiles.Clip0870), Hour);

        Assert.Equal(expected, decoded.Samples);
        Assert.Equal((AudioFileFormat.Wav, 16000, 16000, 1), (decoded.Format, decoded.SampleRate, decoded.SourceSampleRate, decoded.SourceChannels));
    }

    [Theory]
    [InlineData(8000, 1, "16", "signed-integer")]
    [InlineData(44100, 2, "24", "signed-integer")]
    [InlineData(48000, 2, "24", "signed-integer")]
    [InlineData(22050, 1, "8", "unsigned-integer")]
    [InlineData(32000, 3, "32", "signed-integer")]
    [InlineData(48000, 2, "32", "floating-point")]
    [InlineData(16000, 1, "64", "floating-point")]
    public void Other_rates_depths_and_channels_come_out_as_the_same_16_kHz_audio(int rate, int channels, string bits, string encoding)
    {
        var original = TestAudio.ReadWav(AudioFiles.Clip0870).Samples;
        var file = AudioFiles.Convert(AudioFiles.Clip0870, "wav", "-r", rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", channels.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", bits, "-e", encoding);

        var decoded = AudioFileDecoder.Decode(file, Hour);

        Assert.Equal((rate, channels), (decoded.SourceSampleRate, decoded.SourceChannels));
        // A narrowband file stays at 8 kHz (a session upsamples it as it does a telephony client's audio).
        var expectedRate = rate == 8000 ? 8000 : 16000;
        var reference = expectedRate == 16000 ? original : TestAudio.ResampleWithSox(original, 8000);
        Assert.Equal(expectedRate, decoded.SampleRate);
        // Same duration to within 10 ms, and the same waveform (8-bit has its own noise floor).
        Assert.InRange(decoded.Samples.Length, reference.Length - (expectedRate / 100), reference.Length + (expectedRate / 100));
        var snr = SignalToNoise(reference, decoded.Samples);
        output.WriteLine($"{rate} Hz, {channels} ch, {bits}-bit {encoding}: SNR {snr:F1} dB");
        Assert.True(snr > (bits == "8" ? 15 : 20), $"SNR {snr:F1} dB");
    }

    [Fact]
    public void A_data_chunk_without_its_length_runs_to_the_end()
    {
        var file = File.ReadAllBytes(AudioFiles.Clip0870);
        var data = file.AsSpan().IndexOf("data"u8);
        BitConverter.TryWriteBytes(file.AsSpan(data + 4), 0u);

        Assert.Equal(TestAudio.ReadWav(AudioFiles.Clip0870).Samples, AudioFileDecoder.Decode(file, Hour).Samples);
    }

    [Fact]
    public void Mu_law_is_refused_as_unsupported_naming_what_is_accepted()
    {
        var file = AudioFiles.Convert(AudioFiles.Clip0870, "wav", "-e", "u-law");

        var error = Assert.Throws<UnsupportedAudioFileException>(() => AudioFileDecoder.Decode(file, Hour));
        Assert.Contains("format tag 7", error.Message, StringComparison.Ordinal);
        Assert.Contains(AudioFileDecoder.AcceptedFormats, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_data_chunk_is_invalid()
    {
        var file = File.ReadAllBytes(AudioFiles.Clip0870)[..40];
        file.AsSpan(36, 4).Fill((byte)'x');

        Assert.Throws<InvalidAudioException>(() => AudioFileDecoder.Decode(file, Hour));
    }

    [Fact]
    public void Audio_longer_than_the_limit_is_refused()
    {
        var file = File.ReadAllBytes(AudioFiles.Clip0870);

        Assert.Throws<AudioTooLongException>(() => AudioFileDecoder.Decode(file, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Signal-to-noise ratio of <paramref name="actual"/> against <paramref name="reference"/>, in dB, over their common length.</summary>
    internal static double SignalToNoise(short[] reference, short[] actual)
    {
        double signal = 0, noise = 0;
        for (var i = 0; i < Math.Min(reference.Length, actual.Length); i++)
        {
            signal += (double)reference[i] * reference[i];
            noise += (double)(reference[i] - actual[i]) * (reference[i] - actual[i]);
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1));
    }
}
