using System.Globalization;

namespace RealtimeAsr.Cli.Audio;

/// <summary><c>--raw</c>: the input is headerless 16-bit little-endian PCM at this rate and channel count.</summary>
internal sealed record RawPcmFormat(int SampleRate, int Channels)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"raw PCM16 {SampleRate} Hz, {Channels} channel(s)");
}
