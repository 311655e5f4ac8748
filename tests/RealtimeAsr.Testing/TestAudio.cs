using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;

namespace RealtimeAsr.Testing;

/// <summary>
/// Real audio for tests: the LibriVox clips of Debian's <c>pocketsphinx-testdata</c> and speech synthesised by
/// <c>espeak-ng</c>, converted with <c>sox</c> and encoded with <c>opusenc</c>. All installed by <c>scripts/setup.sh</c>.
/// </summary>
public static class TestAudio
{
    public const string LibriVoxDirectory = "/usr/share/pocketsphinx/test/data/librivox";

    /// <summary>A LibriVox clip: 16 kHz mono 16-bit PCM samples (header stripped) and its reference transcript.</summary>
    public sealed record Clip(string Name, short[] Samples, string Transcript);

    /// <summary>The five LibriVox clips with their transcripts, in file order.</summary>
    public static IReadOnlyList<Clip> LibriVoxClips() => s_clips.Value;

    private static readonly Lazy<IReadOnlyList<Clip>> s_clips = new(() =>
    {
        var transcripts = File.ReadAllLines(Path.Combine(LibriVoxDirectory, "transcription"))
            .Select(line =>
            {
                var open = line.LastIndexOf('(');
                var id = line[(open + 1)..line.LastIndexOf(')')];
                var words = line[..open].Replace("<s>", "", StringComparison.Ordinal).Replace("</s>", "", StringComparison.Ordinal).Trim();
                return (id, words);
            })
            .ToDictionary(t => t.id, t => t.words);
        return File.ReadAllLines(Path.Combine(LibriVoxDirectory, "fileids"))
            .Where(id => id.Length > 0)
            .Select(id => new Clip(id, ReadWav(Path.Combine(LibriVoxDirectory, id + ".wav")).Samples, transcripts[id]))
            .ToList();
    });

    /// <summary>Reads a PCM16 WAV file: its sample rate and interleaved samples.</summary>
    public static (int SampleRate, int Channels, short[] Samples) ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = 12;
        int sampleRate = 0, channels = 0;
        while (offset + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 10));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 12));
            }
            else if (id == "data")
            {
                size = Math.Min(size, bytes.Length - offset - 8);
                return (sampleRate, channels, ToSamples(bytes.AsSpan(offset + 8, size)));
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk");
    }

    public static short[] ToSamples(ReadOnlySpan<byte> pcm)
    {
        var samples = new short[pcm.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(2 * i)..]);
        }

        return samples;
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }

    /// <summary>Silence of the given length at <paramref name="sampleRate"/>.</summary>
    public static short[] Silence(int milliseconds, int sampleRate = 16000) => new short[milliseconds * sampleRate / 1000];

    /// <summary>Concatenates clips with <paramref name="gapMs"/> of silence before, between and after them.</summary>
    public static short[] Join(IEnumerable<short[]> parts, int gapMs, int sampleRate = 16000)
    {
        var gap = Silence(gapMs, sampleRate);
        var all = new List<short>(gap);
        foreach (var part in parts)
        {
            all.AddRange(part);
            all.AddRange(gap);
        }

        return all.ToArray();
    }

    /// <summary>Speaks <paramref name="text"/> with espeak-ng and returns mono 16-bit samples at <paramref name="sampleRate"/>.</summary>
    public static short[] Speak(string text, int sampleRate = 16000)
    {
        var cache = CachePath($"espeak-{sampleRate}-{Hash(text)}.raw");
        if (!File.Exists(cache))
        {
            var wav = CachePath($"espeak-{Hash(text)}.wav");
            Run("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav, text);
            Run("sox", wav, "-r", sampleRate.ToString(CultureInfo.InvariantCulture), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", cache);
        }

        return ToSamples(File.ReadAllBytes(cache));
    }

    /// <summary>Resamples 16 kHz samples to <paramref name="sampleRate"/> with sox (a reference conversion independent of ours).</summary>
    public static short[] ResampleWithSox(short[] samples16k, int sampleRate)
    {
        var input = CachePath($"sox-in-{Guid.NewGuid():N}.raw");
        var output = CachePath($"sox-out-{Guid.NewGuid():N}.raw");
        File.WriteAllBytes(input, ToBytes(samples16k));
        Run("sox", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", input,
            "-t", "raw", "-r", sampleRate.ToString(CultureInfo.InvariantCulture), "-e", "signed-integer", "-b", "16", "-c", "1", output);
        var result = ToSamples(File.ReadAllBytes(output));
        File.Delete(input);
        File.Delete(output);
        return result;
    }

    /// <summary>Encodes 16 kHz mono samples as an Ogg Opus stream with opusenc.</summary>
    public static byte[] EncodeOggOpus(short[] samples16k, int bitrateKbps = 32)
    {
        var input = CachePath($"opus-in-{Guid.NewGuid():N}.raw");
        var output = CachePath($"opus-out-{Guid.NewGuid():N}.opus");
        File.WriteAllBytes(input, ToBytes(samples16k));
        Run("opusenc", "--quiet", "--raw", "--raw-rate", "16000", "--raw-chan", "1", "--raw-bits", "16",
            "--bitrate", bitrateKbps.ToString(CultureInfo.InvariantCulture), input, output);
        var result = File.ReadAllBytes(output);
        File.Delete(input);
        File.Delete(output);
        return result;
    }

    private static string CachePath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "realtimeasr-test-audio");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static string Hash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>Runs a command-line tool (sox, opusenc, …) to completion; throws with its stderr if it fails.</summary>
    public static void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {stderr.Result}. Run scripts/setup.sh to install it.");
        }
    }
}
