using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Internal;

namespace RealtimeAsr.Client.SpeechToText;

/// <summary>
/// Recognises what an <see cref="Microsoft.Extensions.AI.ISpeechToTextClient"/> caller passed: a WAV file (16-bit mono
/// PCM at 16 or 8 kHz: its header is stripped and its rate used; any other WAV is refused), Ogg Opus (sent as
/// <c>opus</c>), or anything else, taken as headerless audio in the session's format.
/// </summary>
internal static class SpeechInput
{
    private const int MagicLength = 12;

    /// <summary>
    /// Reads the start of <paramref name="audio"/>, sets <paramref name="session"/>'s format and rate from a header, and
    /// returns the stream of audio bytes to send (from its first byte for headerless input).
    /// </summary>
    /// <param name="audio">The caller's stream, at its start.</param>
    /// <param name="session">The session options to adjust; its format and rate stay as they are for headerless input.</param>
    /// <param name="requestedRate"><see cref="Microsoft.Extensions.AI.SpeechToTextOptions.SpeechSampleRate"/>, which must agree with a WAV header.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidDataException">A WAV file in a format the protocol does not take.</exception>
    /// <exception cref="ArgumentException"><paramref name="requestedRate"/> contradicts the WAV header.</exception>
    public static async Task<Stream> PrepareAsync(Stream audio, TranscriptionSessionOptions session, int? requestedRate, CancellationToken cancellationToken)
    {
        var magic = new byte[MagicLength];
        var read = await audio.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var stream = new PrefixedStream(magic.AsMemory(0, read), audio, ownsRest: false);
        var start = magic.AsSpan(0, read);
        if (OggPageReader.IsOgg(start))
        {
            session.AudioFormat = AudioInputFormat.Opus;
            return stream;
        }

        if (read < MagicLength || !start.StartsWith("RIFF"u8) || !start[8..].SequenceEqual("WAVE"u8))
        {
            return stream;
        }

        var header = await WavHeader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (!header.IsPcm16Mono || header.SampleRate is not (16000 or 8000))
        {
            throw new InvalidDataException(
                $"The audio is a WAV file of {header}; the speech-to-text client accepts WAV only as 16-bit PCM mono at 16000 or 8000 Hz "
                + "(or Ogg Opus, or headerless PCM in the session's format). Convert it first, e.g. ffmpeg -i in.wav -ac 1 -ar 16000 -c:a pcm_s16le out.wav.");
        }

        if (requestedRate is { } rate && rate != header.SampleRate)
        {
            throw new ArgumentException(
                $"SpeechSampleRate is {rate} Hz but the WAV header says {header.SampleRate} Hz; leave SpeechSampleRate unset for WAV input.",
                nameof(requestedRate));
        }

        session.AudioFormat = AudioInputFormat.Pcm;
        session.SampleRate = header.SampleRate;
        return header.DataLength is { } length ? new ReadLimitStream(stream, length) : stream;
    }
}
