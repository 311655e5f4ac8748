using RealtimeAsr.Client;
using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Internal;

namespace RealtimeAsr.Cli.Audio;

/// <summary>
/// The audio to transcribe, ready to send: WAV of any common encoding, rate and channel count (converted to 16 kHz
/// mono PCM16 unless already 16 or 8 kHz mono PCM16), Ogg Opus (sent unchanged as <c>opus</c>), or — only when asked for
/// with <c>--raw</c> — headerless PCM16. WAV and Ogg Opus are recognised by content, so <c>-</c> (stdin) takes them too;
/// anything else is refused, named when recognisable (FLAC, MP3, text …), rather than sent as noise.
/// </summary>
internal sealed class AudioInput : IAsyncDisposable
{
    /// <summary>The rate converted audio is sent at.</summary>
    public const int TargetRate = 16000;

    private AudioInput(Stream audio, AudioInputFormat format, int sampleRate, long? totalBytes, string description)
    {
        Audio = audio;
        Format = format;
        SampleRate = sampleRate;
        TotalBytes = totalBytes;
        Description = description;
    }

    /// <summary>The bytes to send, in <see cref="Format"/>.</summary>
    public Stream Audio { get; }

    /// <summary>The session's input format.</summary>
    public AudioInputFormat Format { get; }

    /// <summary>The session's sample rate.</summary>
    public int SampleRate { get; }

    /// <summary>How many bytes <see cref="Audio"/> will yield, when known (files), for the progress bar.</summary>
    public long? TotalBytes { get; }

    /// <summary>What the input is, e.g. <c>WAV 44100 Hz, 2 channels, 16-bit PCM → 16 kHz mono</c>.</summary>
    public string Description { get; }

    /// <summary>Seconds of audio in <paramref name="bytes"/> of <see cref="Audio"/>, for PCM.</summary>
    public double? SecondsOf(long bytes) => Format == AudioInputFormat.Pcm ? bytes / (SampleRate * 2.0) : null;

    /// <summary>A copy of <paramref name="template"/> (language, VAD …) with this input's format and rate.</summary>
    public TranscriptionSessionOptions SessionOptions(TranscriptionSessionOptions template)
    {
        var session = template.Clone();
        session.AudioFormat = Format;
        session.SampleRate = SampleRate;
        return session;
    }

    /// <summary>The timeline of this input's bytes once sent; <paramref name="path"/> is the file it was opened from.</summary>
    public IAudioTimeline CreateTimeline(string path) =>
        Format == AudioInputFormat.Opus ? new OggOpusTimeline(path) : new PcmTimeline(SampleRate);

    /// <summary>Opens <paramref name="path"/> (or stdin for <c>-</c>) and recognises its format.</summary>
    /// <param name="path">A file, or <c>-</c>.</param>
    /// <param name="openStandardInput">Opens stdin.</param>
    /// <param name="raw">
    /// <c>--raw</c>: the input is headerless PCM16 in this format. <see langword="null"/>: the input must be WAV or Ogg Opus.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the header.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">
    /// The input is empty, a WAV file in an encoding that cannot be converted, another format (named when recognised),
    /// or a WAV/Ogg file given with <c>--raw</c>.
    /// </exception>
    public static async Task<AudioInput> OpenAsync(string path, Func<Stream> openStandardInput, RawPcmFormat? raw, CancellationToken cancellationToken)
    {
        var fromStdin = path == "-";
        var name = fromStdin ? "stdin" : path;
        if (!fromStdin && !File.Exists(path))
        {
            throw new FileNotFoundException($"no such file: {path}", path);
        }

        var source = fromStdin ? openStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        try
        {
            var fileLength = fromStdin ? (long?)null : source.Length;
            var magic = new byte[AudioFormatSniffer.SniffLength];
            var read = await source.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException($"{name}: input is empty");
            }

            var stream = new PrefixedStream(magic.AsMemory(0, read), source, ownsRest: true);
            var start = magic.AsSpan(0, read);
            var isWav = start.StartsWith("RIFF"u8) && read >= 12 && start[8..12].SequenceEqual("WAVE"u8);
            var isOpus = AudioFormatSniffer.IsOggOpus(start);
            if (raw is not null)
            {
                if (isWav || isOpus)
                {
                    throw new InvalidDataException($"{name} is {(isWav ? "a WAV" : "an Ogg Opus")} file, which carries its own format; --raw is for headerless PCM, so leave it out.");
                }

                return Convert(stream, PcmSampleEncoding.Int16, raw.Channels, raw.SampleRate, sourceLength: null, raw.ToString(), fileLength);
            }

            if (isOpus)
            {
                return new AudioInput(stream, AudioInputFormat.Opus, TargetRate, fileLength, "Ogg Opus");
            }

            if (isWav)
            {
                var header = WavHeader.Read(stream);
                var encoding = PcmSampleEncodings.FromWav(header);
                return Convert(stream, encoding, header.Channels, header.SampleRate, header.DataLength, $"WAV {header}");
            }

            var kind = AudioFormatSniffer.Describe(start);
            if (kind == "text")
            {
                throw new InvalidDataException($"{name} is text, not audio; transcribe takes WAV, Ogg Opus, or headerless 16-bit PCM with --raw.");
            }

            var what = kind is null ? "not WAV or Ogg Opus (unrecognised format)" : $"{kind}, which realtime-asr does not decode";
            var input = fromStdin ? "INPUT" : path;
            throw new InvalidDataException(
                $"{name} is {what}. Convert it to WAV (ffmpeg -i {input} -ac 1 -ar 16000 out.wav, or sox {input} -c 1 -r 16000 out.wav), "
                + "or give transcribe headerless 16-bit PCM with --raw --sample-rate N.");
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Audio.DisposeAsync();

    private static AudioInput Convert(
        Stream stream,
        PcmSampleEncoding encoding,
        int channels,
        int rate,
        long? sourceLength,
        string description,
        long? rawFileLength = null)
    {
        // 16 and 8 kHz mono PCM16 go as they are; the protocol takes both rates.
        var passThrough = encoding == PcmSampleEncoding.Int16 && channels == 1 && rate is 16000 or 8000;
        var outputRate = passThrough ? rate : TargetRate;
        var inputBytes = sourceLength ?? rawFileLength;
        long? totalBytes = inputBytes is { } bytes
            ? bytes / (encoding.BytesPerSample() * channels) * outputRate / rate * 2
            : null;
        var converted = new PcmConversionStream(stream, encoding, channels, rate, outputRate, sourceLength);
        return new AudioInput(converted, AudioInputFormat.Pcm, outputRate, totalBytes,
            passThrough ? description : description + " → 16 kHz mono");
    }
}
