using Whisper.net;

namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// One of the engine's decode slots (<see cref="WhisperDecoderPool"/>): runs one whisper.cpp decode at a time,
/// synchronously, on the calling thread. Whisper.net allocates whisper.cpp's per-decode state inside every call and
/// fixes the prompt and the encoder context when a processor is built, so a <see cref="WhisperProcessor"/> is only a
/// block of parameters here: one is built per decode with that decode's settings (about 10 µs, against 0.1 s and more
/// for the decode), and what the slot keeps is its sample buffer.
/// </summary>
internal sealed class WhisperDecoder(WhisperModel model, int threads, float noSpeechThreshold)
{
    /// <summary>
    /// Windows shorter than a second are padded with silence to one: whisper.cpp decodes nothing from under 100 ms
    /// of audio, and its language detection fails on an empty spectrogram.
    /// </summary>
    internal const int MinimumSamples = RecognitionAudio.SampleRate;

    // Detection chooses among the protocol's languages the model knows (in Whisper's codes): Whisper knows 99, and a
    // language the protocol cannot name would be of no use to a client.
    private readonly string[] _candidates = [.. WhisperLanguages.SupportedBy(model.Info).Select(WhisperLanguages.ToWhisper)];
    private float[] _samples = new float[MinimumSamples];

    /// <summary>The segments whisper.cpp produced and the language it transcribed (Whisper's code).</summary>
    public readonly record struct Output(IReadOnlyList<SegmentData> Segments, string Language, int Samples);

    /// <summary>Decodes <paramref name="audio"/> (16 kHz mono) with <paramref name="settings"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before or during the decode.</exception>
    public Output Decode(ReadOnlySpan<short> audio, in WhisperDecodeSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var samples = ToFloat(audio);
        var segments = new List<SegmentData>();
        var builder = model.CreateProcessorBuilder()
            .WithThreads(threads)
            .WithLanguage(settings.Language ?? "en")
            .WithNoSpeechThreshold(noSpeechThreshold)
            .WithTemperatureInc(settings.TemperatureFallback)
            .WithSegmentEventHandler(segments.Add)
            // Whisper.net's synchronous decode cannot be aborted inside a pass; it stops before the next encoder pass.
            .WithEncoderBeginHandler(_ => !cancellationToken.IsCancellationRequested);
        if (settings.AudioContext > 0)
        {
            builder.WithAudioContextSize(settings.AudioContext);
        }

        if (settings.Prompt.Length > 0)
        {
            builder.WithPrompt(settings.Prompt);
        }

        using var processor = builder.Build();
        var language = settings.Language;
        if (language is null)
        {
            // Detecting apart from the decode costs what whisper.cpp's own "auto" costs (one full 30 s encoder pass),
            // and says the language even when the decode yields no segment.
            language = processor.DetectLanguageWithProbability(samples, _candidates).language ?? "en";
            processor.ChangeLanguage(language);
            cancellationToken.ThrowIfCancellationRequested();
        }

        processor.Process(samples);
        cancellationToken.ThrowIfCancellationRequested();
        return new Output(segments, language, samples.Length);
    }

    /// <summary>The encoder context for <paramref name="samples"/> of audio, in positions, at most the model's.</summary>
    /// <remarks>
    /// The encoder turns 30 s into 1500 positions, 320 samples each. The margin is about 0.6 s of the silence the model
    /// expects after speech, so that the last word is not at the very edge of what it sees.
    /// </remarks>
    public static int AudioContextFor(int samples, WhisperModelInfo model)
    {
        const int SamplesPerPosition = RecognitionAudio.SampleRate * 30 / 1500;
        const int Margin = 32;
        var padded = Math.Max(samples, MinimumSamples);
        return Math.Min(model.AudioContext, (padded + SamplesPerPosition - 1) / SamplesPerPosition + Margin);
    }

    private ReadOnlySpan<float> ToFloat(ReadOnlySpan<short> audio)
    {
        var length = Math.Max(audio.Length, MinimumSamples);
        if (_samples.Length < length)
        {
            _samples = new float[Math.Max(length, _samples.Length * 2)];
        }

        var samples = _samples.AsSpan(0, length);
        for (var i = 0; i < audio.Length; i++)
        {
            samples[i] = audio[i] / 32768f;
        }

        samples[audio.Length..].Clear();
        return samples;
    }
}
