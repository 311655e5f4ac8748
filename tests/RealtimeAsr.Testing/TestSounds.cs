using System.Diagnostics;

namespace RealtimeAsr.Testing;

/// <summary>
/// Audio that is not the test recordings as they are: quiet speech (a microphone far quieter than the level the
/// engine's defaults are tuned on), non-speech sounds made with <c>sox</c>, and the stock <c>pocketsphinx_continuous</c>
/// as the baseline a transcript is compared with. The tools are installed by <c>scripts/setup.sh</c>.
/// </summary>
public static class TestSounds
{
    /// <summary>
    /// <paramref name="samples"/> 24 dB quieter (scaled by 1/16, rounded): a quiet microphone, well inside 16-bit
    /// range so nothing is lost but level.
    /// </summary>
    public static short[] Attenuate24Db(ReadOnlySpan<short> samples)
    {
        var quiet = new short[samples.Length];
        for (var i = 0; i < quiet.Length; i++)
        {
            quiet[i] = (short)Math.Round(samples[i] / 16.0, MidpointRounding.AwayFromZero);
        }

        return quiet;
    }

    /// <summary>
    /// A sound made by <c>sox -n</c> (no input) with <paramref name="effects"/> (e.g. <c>synth 0.5 whitenoise vol 0.3</c>),
    /// as 16 kHz mono 16-bit samples. sox runs with <c>-R</c> (fixed random seed), so noise is the same on every run.
    /// </summary>
    public static short[] Synthesize(params string[] effects)
    {
        var output = TempPath(".raw");
        try
        {
            TestAudio.Run("sox", ["-R", "-n", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", output, .. effects]);
            return TestAudio.ToSamples(File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Writes 16 kHz mono samples as a PCM16 WAV file (with sox, so the header is the one tools expect).</summary>
    public static void WriteWav(string path, ReadOnlySpan<short> samples)
    {
        var raw = TempPath(".raw");
        try
        {
            File.WriteAllBytes(raw, TestAudio.ToBytes(samples));
            TestAudio.Run("sox", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", raw, path);
        }
        finally
        {
            File.Delete(raw);
        }
    }

    /// <summary>
    /// What Debian's stock <c>pocketsphinx_continuous -infile FILE.wav -logfn /dev/null</c> (apt package
    /// <c>pocketsphinx</c>) makes of 16 kHz mono <paramref name="samples"/>: its utterances' hypotheses joined by spaces.
    /// It segments with its own energy VAD and carries its cepstral mean from one utterance to the next.
    /// </summary>
    public static string TranscribeWithStockPocketSphinx(ReadOnlySpan<short> samples)
    {
        var wav = TempPath(".wav");
        try
        {
            WriteWav(wav, samples);
            var info = new ProcessStartInfo("pocketsphinx_continuous") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-infile", wav, "-logfn", "/dev/null" })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("pocketsphinx_continuous did not start.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"pocketsphinx_continuous failed ({process.ExitCode}): {error.Result}. Run scripts/setup.sh to install it (apt package pocketsphinx).");
            }

            return string.Join(' ', output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static string TempPath(string extension)
    {
        var directory = Path.Combine(Path.GetTempPath(), "realtimeasr-test-audio");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"sounds-{Guid.NewGuid():N}{extension}");
    }
}
