using System.Globalization;

namespace RealtimeAsr.Models;

/// <summary>Byte counts as people read them: <c>75 MiB</c>, <c>1.5 GiB</c>.</summary>
public static class ByteSize
{
    /// <summary>Formats <paramref name="bytes"/> with a binary unit and at most one decimal.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var format = unit == 0 || value >= 100 || value == Math.Floor(value) ? "0" : "0.#";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + units[unit];
    }

    internal static long MiB(double value) => (long)(value * 1024 * 1024);

    internal static long GiB(double value) => (long)(value * 1024 * 1024 * 1024);
}
