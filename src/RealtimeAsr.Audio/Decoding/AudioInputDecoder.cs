using System.Globalization;

namespace RealtimeAsr.Audio;

/// <summary>Creates the <see cref="IAudioInputDecoder"/> for a session's <c>input_audio_format</c> and <c>sample_rate</c>.</summary>
public static class AudioInputDecoder
{
    /// <summary>Creates a decoder that produces mono 16-bit samples at <see cref="AudioFormat.EngineSampleRate"/>.</summary>
    /// <param name="format"><c>pcm</c> (or its alias <c>pcm16</c>) or <c>opus</c> (Ogg Opus).</param>
    /// <param name="sampleRate">
    /// 16000 or 8000. For <c>pcm</c> it is the rate of the samples; 8000 is upsampled. Ogg Opus carries its own rate and is
    /// always decoded straight to 16 kHz, so for <c>opus</c> the value is only validated.
    /// </param>
    /// <exception cref="ArgumentException">The format or sample rate is not supported.</exception>
    public static IAudioInputDecoder Create(string format, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!AudioFormat.IsSupportedSampleRate(sampleRate))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Unsupported sample rate {sampleRate}; use {AudioFormat.EngineSampleRate} or {AudioFormat.TelephonySampleRate}."),
                nameof(sampleRate));
        }

        return format switch
        {
            AudioFormat.Pcm or AudioFormat.Pcm16 => new Pcm16InputDecoder(sampleRate),
            AudioFormat.Opus => new OggOpusInputDecoder(),
            _ => throw new ArgumentException($"Unsupported audio format '{format}'; use '{AudioFormat.Pcm}' or '{AudioFormat.Opus}'.", nameof(format)),
        };
    }
}
