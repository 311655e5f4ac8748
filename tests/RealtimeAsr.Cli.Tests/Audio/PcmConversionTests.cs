using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Client;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Cli.Tests.Audio;

/// <summary>The WAV/raw converter: downmix, resample to 16 kHz, and format recognition.</summary>
public sealed class PcmConversionTests
{
    [Theory]
    [InlineData(44100, 2)]
    [InlineData(48000, 1)]
    [InlineData(22050, 6)]
    [InlineData(8000, 2)]
    public async Task A_tone_keeps_its_pitch_and_length_at_16_khz_mono(int rate, int channels)
    {
        const double Frequency = 440;
        var frames = rate; // one second
        var samples = new short[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * Frequency * i / rate) * 12000);
            for (var c = 0; c < channels; c++)
            {
                samples[i * channels + c] = value;
            }
        }

        var converted = await ConvertAsync(TestWav.Pcm16(samples, rate, channels));

        Assert.Equal(AudioInputFormat.Pcm, converted.Format);
        Assert.Equal(16000, converted.Rate);
        Assert.InRange(converted.Samples.Length, 15900, 16100);
        Assert.InRange(ZeroCrossings(converted.Samples) / 2.0, Frequency - 5, Frequency + 5);
        Assert.InRange(converted.Samples.Max(s => (int)s), 11000, 13000);
    }

    [Fact]
    public async Task Opposite_channels_cancel_when_averaged()
    {
        var samples = new short[3200];
        for (var i = 0; i < samples.Length; i += 2)
        {
            samples[i] = 5000;
            samples[i + 1] = -5000;
        }

        var converted = await ConvertAsync(TestWav.Pcm16(samples, 16000, 2));

        Assert.All(converted.Samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task Pcm16_mono_at_16_or_8_khz_passes_through_unchanged()
    {
        var speech = TestAudio.Speak("Pass me through.");
        var narrow = TestAudio.ResampleWithSox(speech, 8000);

        var wide = await ConvertAsync(TestWav.Pcm16(speech, 16000, 1));
        var telephone = await ConvertAsync(TestWav.Pcm16(narrow, 8000, 1));

        Assert.Equal(speech, wide.Samples);
        Assert.Equal(16000, wide.Rate);
        Assert.Equal(narrow, telephone.Samples);
        Assert.Equal(8000, telephone.Rate);
    }

    [Fact]
    public async Task Float_wav_is_converted()
    {
        var samples = Enumerable.Range(0, 48000).Select(i => (float)(0.25 * Math.Sin(2 * Math.PI * 300 * i / 48000))).ToArray();

        var converted = await ConvertAsync(TestWav.IeeeFloat(samples, 48000, 1));

        Assert.InRange(converted.Samples.Length, 15900, 16100);
        Assert.InRange(converted.Samples.Max(s => (int)s), 7800, 8600);
    }

    [Fact]
    public async Task Ogg_opus_is_recognised_from_stdin_and_raw_pcm_taken_with_raw()
    {
        var speech = TestAudio.Speak("Hello.");
        var ogg = TestAudio.EncodeOggOpus(speech);

        await using var opus = await AudioInput.OpenAsync("-", () => new MemoryStream(ogg), raw: null, CancellationToken.None);
        await using var raw = await AudioInput.OpenAsync("-", () => new MemoryStream(TestAudio.ToBytes(speech)), new RawPcmFormat(16000, 1), CancellationToken.None);

        Assert.Equal(AudioInputFormat.Opus, opus.Format);
        Assert.Equal(ogg, await ReadAllAsync(opus.Audio));
        Assert.Equal(AudioInputFormat.Pcm, raw.Format);
        Assert.Equal(speech, TestAudio.ToSamples(await ReadAllAsync(raw.Audio)));
    }

    [Fact]
    public async Task Raw_stereo_44k_from_stdin_is_converted()
    {
        var stereo = TestWav.Spread(TestAudio.Speak("Convert me."), 44100, 2);

        await using var input = await AudioInput.OpenAsync("-", () => new MemoryStream(TestAudio.ToBytes(stereo)), new RawPcmFormat(44100, 2), CancellationToken.None);
        var converted = TestAudio.ToSamples(await ReadAllAsync(input.Audio));

        Assert.Equal(16000, input.SampleRate);
        Assert.InRange(converted.Length, stereo.Length / 2 * 16000 / 44100 - 50, stereo.Length / 2 * 16000 / 44100 + 50);
    }

    private static async Task<(AudioInputFormat Format, int Rate, short[] Samples)> ConvertAsync(byte[] wav)
    {
        var path = TestWav.ToTempFile(wav);
        try
        {
            await using var input = await AudioInput.OpenAsync(path, () => Stream.Null, raw: null, CancellationToken.None);
            var bytes = await ReadAllAsync(input.Audio);
            Assert.Equal(input.TotalBytes!.Value, bytes.Length, tolerance: 200);
            return (input.Format, input.SampleRate, TestAudio.ToSamples(bytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static int ZeroCrossings(short[] samples)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }

        return crossings;
    }
}
