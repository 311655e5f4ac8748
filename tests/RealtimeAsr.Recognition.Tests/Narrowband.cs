using System.Buffers;
using System.Diagnostics;
using RealtimeAsr.Audio;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>Telephony audio as the server hands it to an engine: recorded at 8 kHz, upsampled to 16 kHz.</summary>
internal static class Narrowband
{
    /// <summary>
    /// Downsamples 16 kHz <paramref name="samples"/> to 8 kHz with sox (nothing above 4 kHz survives) and upsamples
    /// the result with the server's own 8 kHz PCM decoder, so the engine gets exactly what an 8 kHz session feeds it.
    /// </summary>
    /// <remarks>
    /// sox dithers its 16-bit output with random noise, so unlike <see cref="TestAudio.ResampleWithSox"/> this runs
    /// it with <c>-R</c> (fixed seed): the same input always gives the same samples, and the same word error rates.
    /// </remarks>
    public static short[] RoundTrip(short[] samples)
    {
        var telephony = DownsampleWithSox(samples);
        using var decoder = new Pcm16InputDecoder(AudioFormat.TelephonySampleRate);
        var upsampled = new ArrayBufferWriter<short>(samples.Length);
        decoder.Decode(TestAudio.ToBytes(telephony), upsampled);
        return upsampled.WrittenSpan.ToArray();
    }

    private static short[] DownsampleWithSox(short[] samples)
    {
        var info = new ProcessStartInfo("sox")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-R", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", "-",
            "-t", "raw", "-r", "8000", "-e", "signed-integer", "-b", "16", "-c", "1", "-",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var sox = Process.Start(info) ?? throw new InvalidOperationException("sox did not start.");
        var error = sox.StandardError.ReadToEndAsync();
        var writing = Task.Run(() =>
        {
            sox.StandardInput.BaseStream.Write(TestAudio.ToBytes(samples));
            sox.StandardInput.Close();
        });
        using var output = new MemoryStream();
        sox.StandardOutput.BaseStream.CopyTo(output);
        writing.GetAwaiter().GetResult();
        sox.WaitForExit();
        if (sox.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox failed ({sox.ExitCode}): {error.GetAwaiter().GetResult()}");
        }

        return TestAudio.ToSamples(output.ToArray());
    }
}
