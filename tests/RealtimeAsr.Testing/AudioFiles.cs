namespace RealtimeAsr.Testing;

/// <summary>
/// Whole audio files for upload tests: LibriVox WAVs converted by sox (other rates, depths, channels, FLAC), and an MP3
/// made once with LAME 3.100 (<c>sox … -r 44100 -c 2</c> of clip 0870, then <c>lame -b 96 --resample 44.1</c>) and committed, since
/// scripts/setup.sh installs no MP3 encoder.
/// </summary>
public static class AudioFiles
{
    /// <summary>LibriVox clip 0870 (16 kHz mono 16-bit WAV, about 7 s).</summary>
    public static string Clip0870 => Path.Combine(TestAudio.LibriVoxDirectory, "sense_and_sensibility_01_austen_64kb-0870.wav");

    /// <summary>Clip 0870 as 44.1 kHz joint-stereo MP3 at 96 kb/s.</summary>
    public static string Mp3Sample => Path.Combine(AppContext.BaseDirectory, "Data", "librivox-0870-44k-stereo.mp3");

    /// <summary>Converts <paramref name="input"/> with sox into a file of type <paramref name="type"/> (wav, flac, …) with <paramref name="options"/>.</summary>
    public static byte[] Convert(string input, string type, params string[] options)
    {
        var output = Path.Combine(Path.GetTempPath(), $"realtimeasr-{Guid.NewGuid():N}.{type}");
        try
        {
            TestAudio.Run("sox", [input, .. options, output]);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Writes <paramref name="samples"/> (16 kHz mono) as a 16-bit WAV file.</summary>
    public static byte[] Wav16k(short[] samples) => Wav(samples, 16000);

    /// <summary>
    /// Writes <paramref name="samples"/> (mono, 16-bit, at <paramref name="sampleRate"/>) as a WAV file, converted by sox
    /// with <paramref name="options"/> (e.g. <c>-c 2 -b 24</c>: duplicating channels and widening samples change no value).
    /// </summary>
    public static byte[] Wav(short[] samples, int sampleRate, params string[] options)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"realtimeasr-{Guid.NewGuid():N}.raw");
        var output = Path.ChangeExtension(raw, ".wav");
        try
        {
            File.WriteAllBytes(raw, TestAudio.ToBytes(samples));
            TestAudio.Run("sox", ["-t", "raw", "-r", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-e", "signed-integer", "-b", "16", "-c", "1", raw, .. options, output]);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(raw);
            File.Delete(output);
        }
    }
}
