using System.Buffers.Binary;
using System.Text;

namespace RealtimeAsr.Browser.Tests;

/// <summary>Writes 16-bit mono PCM WAV files: the fake microphone's recording and the files the page uploads.</summary>
public static class Wav
{
    public const int SampleRate = 16000;

    /// <summary>Writes <paramref name="samples"/> (16 kHz mono) to a new temporary .wav file and returns its path.</summary>
    public static string WriteTemp(short[] samples, string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "realtimeasr-browser-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, Encode(samples));
        return path;
    }

    public static byte[] Encode(short[] samples)
    {
        var data = samples.Length * 2;
        var bytes = new byte[44 + data];
        var span = bytes.AsSpan();
        Encoding.ASCII.GetBytes("RIFF").CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data").CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], samples[i]);
        }

        return bytes;
    }

    /// <summary>Milliseconds of <paramref name="samples"/> at 16 kHz.</summary>
    public static int DurationMs(int samples) => samples * 1000 / SampleRate;
}
