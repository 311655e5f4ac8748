using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using RealtimeAsr.WhisperTestModel;

// Usage: RealtimeAsr.WhisperTestModel OUT [tiny|base]. See scripts/make-whisper-test-model.sh.
if (args.Length is < 1 or > 2 || WhisperShape.Find(args.Length == 2 ? args[1] : "tiny") is not { } shape)
{
    Console.Error.WriteLine("usage: make-whisper-test-model OUT [tiny|base]");
    return 2;
}

var output = Path.GetFullPath(args[0]);
if (File.Exists(output))
{
    using var existing = File.OpenRead(output);
    if (Convert.ToHexStringLower(SHA256.HashData(existing)) == shape.Sha256)
    {
        Console.WriteLine($"{output}: up to date ({shape.Name}, sha256 {shape.Sha256})");
        return 0;
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var temporary = output + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
var clock = Stopwatch.StartNew();
string sha256;
try
{
    using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
    {
        sha256 = GgmlWhisperWriter.Write(file, shape);
    }

    if (sha256 != shape.Sha256)
    {
        Console.Error.WriteLine(
            $"make-whisper-test-model: the {shape.Name} file came out with sha256 {sha256}, not the pinned {shape.Sha256}. " +
            "If the generator changed on purpose, pin the new sum in WhisperShape.cs.");
        return 1;
    }

    File.Move(temporary, output, overwrite: true);
}
finally
{
    File.Delete(temporary);
}

Console.WriteLine(
    $"{output}: wrote {shape.Name} ({new FileInfo(output).Length} bytes, sha256 {sha256}) in {clock.Elapsed.TotalSeconds:F1} s");
return 0;
