using System.Globalization;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>sox, opusenc and opusdec conversions that <see cref="TestAudio"/> does not offer (other input rates, stereo).</summary>
internal static class ExternalTools
{
    /// <summary>Resamples mono 16-bit samples from <paramref name="fromRate"/> to <paramref name="toRate"/> with sox.</summary>
    public static short[] Resample(short[] samples, int fromRate, int toRate)
    {
        using var files = new TempFiles();
        var input = files.Create(".raw");
        var output = files.Create(".raw");
        File.WriteAllBytes(input, TestAudio.ToBytes(samples));
        TestAudio.Run("sox", "-t", "raw", "-r", Invariant(fromRate), "-e", "signed-integer", "-b", "16", "-c", "1", input,
            "-t", "raw", "-r", Invariant(toRate), "-e", "signed-integer", "-b", "16", "-c", "1", output);
        return TestAudio.ToSamples(File.ReadAllBytes(output));
    }

    /// <summary>Encodes interleaved 16-bit samples as Ogg Opus with opusenc.</summary>
    public static byte[] EncodeOggOpus(short[] interleaved, int sampleRate, int channels, params string[] options)
    {
        using var files = new TempFiles();
        var input = files.Create(".raw");
        var output = files.Create(".opus");
        File.WriteAllBytes(input, TestAudio.ToBytes(interleaved));
        TestAudio.Run("opusenc", ["--quiet", "--raw", "--raw-rate", Invariant(sampleRate), "--raw-chan", Invariant(channels), "--raw-bits", "16", .. options, input, output]);
        return File.ReadAllBytes(output);
    }

    /// <summary>Decodes a mono Ogg Opus stream to 16 kHz with opusdec, libopus's reference decoder.</summary>
    public static short[] DecodeOggOpus(byte[] ogg)
    {
        using var files = new TempFiles();
        var input = files.Create(".opus");
        var output = files.Create(".wav");
        File.WriteAllBytes(input, ogg);
        TestAudio.Run("opusdec", "--quiet", "--rate", "16000", input, output);
        return TestAudio.ReadWav(output).Samples;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class TempFiles : IDisposable
    {
        private readonly List<string> _paths = [];

        public string Create(string extension)
        {
            var path = Path.Combine(Path.GetTempPath(), $"realtimeasr-audio-tests-{Guid.NewGuid():N}{extension}");
            _paths.Add(path);
            return path;
        }

        public void Dispose()
        {
            foreach (var path in _paths)
            {
                File.Delete(path);
            }
        }
    }
}
