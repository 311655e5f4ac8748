using System.Text.Json;
using Xunit.Abstractions;

namespace RealtimeAsr.Browser.Tests;

/// <summary>
/// The page's capture processor (capture-worklet.js) in the real browser: an AudioWorklet in an OfflineAudioContext at
/// a device rate, fed a sine tone, its 16 kHz PCM16 blocks analysed here.
/// </summary>
[Collection(PageTests.Name)]
public sealed class ResamplerTests(PageServer server, QuietBrowser browser, ITestOutputHelper output) : IClassFixture<QuietBrowser>
{
    private const double Amplitude = 0.5;

    /// <summary>Renders one second of a tone through the worklet; returns its blocks' sizes and the samples, in order.</summary>
    private const string RenderScript = """
        async ({ frequency, rate }) => {
          const context = new OfflineAudioContext(1, rate, rate);
          await context.audioWorklet.addModule('capture-worklet.js');
          const node = new AudioWorkletNode(context, 'capture-processor',
            { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
          const blocks = [];
          node.port.onmessage = (e) => { if (e.data.type === 'chunk') blocks.push(Array.from(e.data.pcm)); };
          const tone = new OscillatorNode(context, { frequency });
          tone.connect(new GainNode(context, { gain: 0.5 })).connect(node).connect(context.destination);
          tone.start();
          await context.startRendering();
          // The blocks are posted from the audio thread during rendering; wait until the nine whole ones are in.
          for (let i = 0; i < 200 && blocks.length < 9; i++) await new Promise((r) => setTimeout(r, 50));
          return { sizes: blocks.map((b) => b.length), samples: blocks.flat() };
        }
        """;

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    public async Task A_1_kHz_tone_comes_out_at_1_kHz_in_100_ms_blocks_of_16_kHz(int deviceRate)
    {
        var (sizes, samples) = await RenderAsync(1000, deviceRate);

        // One second in: nine whole blocks at least (the kernel holds back a few samples; the renderer may run a
        // little past the end), every one of 1600 samples.
        Assert.InRange(sizes.Length, 9, 10);
        Assert.All(sizes, size => Assert.Equal(1600, size));
        var steady = samples[200..^200];
        var (peakHz, peakAmplitude) = Peak(steady);
        output.WriteLine($"{deviceRate} Hz in: peak at {peakHz} Hz, amplitude {peakAmplitude:F4}");
        Assert.Equal(1000, peakHz);
        Assert.InRange(peakAmplitude, Amplitude * 0.97, Amplitude * 1.03);
        // Nothing else: the tone's own power is all of it (distortion or imaging would add power elsewhere).
        Assert.InRange(Rms(steady), Amplitude / Math.Sqrt(2) * 0.97, Amplitude / Math.Sqrt(2) * 1.03);
    }

    [Theory]
    [InlineData(12000)]
    [InlineData(9000)]
    public async Task A_tone_above_8_kHz_does_not_fold_back_into_the_speech_band(int frequency)
    {
        var (sizes, samples) = await RenderAsync(frequency, 48000);

        Assert.InRange(sizes.Length, 9, 10); // the audio did flow: silence below is the filter's doing

        // Taking every third sample would turn 12 kHz into 4 kHz (9 kHz into 7 kHz) at full amplitude.
        var steady = samples[200..^200];
        var attenuationDb = 20 * Math.Log10(Rms(steady) / (Amplitude / Math.Sqrt(2)));
        output.WriteLine($"{frequency} Hz in: {attenuationDb:F1} dB out");
        Assert.True(attenuationDb < -60, $"{frequency} Hz comes through at {attenuationDb:F1} dB");
    }

    private async Task<(int[] Sizes, double[] Samples)> RenderAsync(int frequency, int deviceRate)
    {
        await using var tab = await browser.NewPageAsync(output);
        await new RealtimePage(tab.Page).OpenAsync(server.PageUrl);
        var result = await tab.Page.EvaluateAsync<JsonElement>(RenderScript, new { frequency, rate = deviceRate });
        var sizes = result.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var samples = result.GetProperty("samples").EnumerateArray().Select(e => e.GetInt16() / 32768.0).ToArray();
        Assert.Empty(tab.Errors);
        return (sizes, samples);
    }

    private static double Rms(double[] samples) => Math.Sqrt(samples.Sum(s => s * s) / samples.Length);

    /// <summary>The strongest frequency on a 10 Hz grid up to 8 kHz (Goertzel), and its amplitude.</summary>
    private static (int Hz, double Amplitude) Peak(double[] samples)
    {
        var best = (Hz: 0, Amplitude: 0.0);
        for (var hz = 10; hz < 8000; hz += 10)
        {
            var amplitude = AmplitudeAt(samples, hz);
            if (amplitude > best.Amplitude)
            {
                best = (hz, amplitude);
            }
        }

        return best;
    }

    private static double AmplitudeAt(double[] samples, double hz)
    {
        double re = 0, im = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var phase = 2 * Math.PI * hz * i / Wav.SampleRate;
            re += samples[i] * Math.Cos(phase);
            im += samples[i] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / samples.Length;
    }
}
