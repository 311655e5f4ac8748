
namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// Settings of a <see cref="WhisperEngine"/> (bound by the server from <c>RealtimeAsr:Engines:&lt;name&gt;</c>). Every
/// setting has a working default except <see cref="ModelPath"/>. See docs/ENGINES.md, "Whisper".
/// </summary>
public sealed class WhisperEngineOptions
{
    /// <summary>The whisper.cpp ggml model file (e.g. <c>ggml-base.bin</c>). Required; no default.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>
    /// How many decodes run at once, engine-wide; more wait (asynchronously) for one to finish. Each running decode
    /// holds its own whisper.cpp state (by whisper.cpp's own count tiny 193 MB, base 232 MB, more for larger models)
    /// and <see cref="Threads"/> cores.
    /// Default 0: as many as fill the processors with <see cref="Threads"/> each, <c>max(1, ProcessorCount / threads)</c>.
    /// </summary>
    public int MaxConcurrentDecodes { get; set; }

    /// <summary>
    /// Threads whisper.cpp uses for one decode. Default 0: <c>min(4, ProcessorCount)</c>, whisper.cpp's own default:
    /// a decode's latency is what a user waits for at the end of each utterance, and two threads already make it 1.6
    /// to 2.2 times faster than one (docs/ENGINES.md, "Speed and memory"), while whisper.cpp gains little beyond
    /// four. With <see cref="MaxConcurrentDecodes"/> also left at 0, decodes × threads fill the processors without
    /// oversubscribing them.
    /// </summary>
    public int Threads { get; set; }

    /// <summary>
    /// When partial decodes run and how long speech is cut into windows (<see cref="WindowStreamingOptions"/>; defaults:
    /// a partial every 1 s, windows cut at a pause after 15 s and at 30 s at the latest).
    /// </summary>
    public WindowStreamingOptions Streaming { get; set; } = new();

    /// <summary>
    /// A segment whisper.cpp judges to hold no speech with a probability above this is dropped (and whisper.cpp does
    /// not re-decode such a segment at a higher temperature). Default 0.6, whisper.cpp's and OpenAI Whisper's own.
    /// Range 0–1.
    /// </summary>
    public float NoSpeechThreshold { get; set; } = 0.6f;

    /// <summary>
    /// The encoder context of partial decodes. Default <see cref="WhisperAudioContext.Sized"/>: a partial decode
    /// re-decodes the growing window about once a second, which is affordable only when the encoder's cost follows
    /// the audio (tiny on 2 threads: 0.08 s for a 1 s window, 0.24 s for 5 s, 1.5 s for the full 30 s input).
    /// </summary>
    public WhisperAudioContext PartialAudioContext { get; set; } = WhisperAudioContext.Sized;

    /// <summary>
    /// The encoder context of the decodes whose text is kept: the final decode and the last decode of a window that
    /// is cut. Default <see cref="WhisperAudioContext.Full"/>: the transcript is what the client keeps, and the whole
    /// 30 s input is what the model's accuracy was measured with; the price is the full encoder once per utterance
    /// (and per cut). <see cref="WhisperAudioContext.Sized"/> makes the final as fast as a partial.
    /// </summary>
    public WhisperAudioContext FinalAudioContext { get; set; } = WhisperAudioContext.Full;

    /// <summary>
    /// How much whisper.cpp raises the sampling temperature each time a decode fails its quality checks (too
    /// repetitive, too unlikely) and is tried again, up to 1.0: at 0.2 up to five retries. Applies to the final and
    /// cut decodes only: a partial is a preview re-decoded a second later, not worth up to six times its cost. Default
    /// 0.2, whisper.cpp's and OpenAI Whisper's standard, which rescues real models from loops on hard audio. 0 disables
    /// the retries (one greedy pass); models with random weights, which always fail the checks, need 0. Range 0–1.
    /// </summary>
    public float TemperatureFallback { get; set; } = 0.2f;

    /// <summary>
    /// When the session sets no language, the language detected by the first decode of an utterance that covers at
    /// least this much audio is kept for the utterance's later decodes. whisper.cpp's detection runs the encoder over
    /// the full 30 s input whatever the decode's context (tiny on 2 threads: 1.5 s), so detecting on every partial
    /// would cost a full decode each second. Default 3 s: whisper's detection is reliable on a few seconds of speech, and the
    /// shorter first partials still detect (and report) a language each. <see cref="TimeSpan.Zero"/> keeps the
    /// first detection; a value longer than any utterance detects on every decode.
    /// </summary>
    public TimeSpan KeepDetectedLanguageAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The number of concurrent decodes <see cref="MaxConcurrentDecodes"/> and <see cref="Threads"/> amount to.</summary>
    public int EffectiveMaxConcurrentDecodes =>
        MaxConcurrentDecodes > 0 ? MaxConcurrentDecodes : Math.Max(1, Environment.ProcessorCount / EffectiveThreads);

    /// <summary>The threads per decode <see cref="Threads"/> amounts to.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Math.Min(4, Environment.ProcessorCount);

    /// <summary>Throws when a setting is missing or out of range; <see cref="WhisperEngine"/> calls it when it is created.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException(
                $"{nameof(ModelPath)} is required: the whisper.cpp ggml model file. {WhisperModelException.FetchHint}.", nameof(ModelPath));
        }

        EngineSettings.Require(MaxConcurrentDecodes >= 0, nameof(MaxConcurrentDecodes), MaxConcurrentDecodes, "0 (automatic) or more");
        EngineSettings.Require(Threads >= 0, nameof(Threads), Threads, "0 (automatic) or more");
        EngineSettings.Require(NoSpeechThreshold is >= 0f and <= 1f, nameof(NoSpeechThreshold), NoSpeechThreshold, "between 0 and 1");
        EngineSettings.Require(TemperatureFallback is >= 0f and <= 1f, nameof(TemperatureFallback), TemperatureFallback, "between 0 (no retries) and 1");
        EngineSettings.Require(KeepDetectedLanguageAfter >= TimeSpan.Zero, nameof(KeepDetectedLanguageAfter), KeepDetectedLanguageAfter, "zero or more");
        EngineSettings.Require(Enum.IsDefined(PartialAudioContext), nameof(PartialAudioContext), PartialAudioContext, "Sized or Full");
        EngineSettings.Require(Enum.IsDefined(FinalAudioContext), nameof(FinalAudioContext), FinalAudioContext, "Sized or Full");
        WindowStreamingOptions.ValidateSetting(Streaming, nameof(Streaming));
    }

    /// <summary>A copy, so that the engine's settings do not change when the caller's object does.</summary>
    internal WhisperEngineOptions Snapshot() => new()
    {
        ModelPath = ModelPath,
        MaxConcurrentDecodes = MaxConcurrentDecodes,
        Threads = Threads,
        Streaming = new WindowStreamingOptions
        {
            PartialInterval = Streaming.PartialInterval,
            MaxWindow = Streaming.MaxWindow,
            PauseCutAfter = Streaming.PauseCutAfter,
        },
        NoSpeechThreshold = NoSpeechThreshold,
        PartialAudioContext = PartialAudioContext,
        FinalAudioContext = FinalAudioContext,
        TemperatureFallback = TemperatureFallback,
        KeepDetectedLanguageAfter = KeepDetectedLanguageAfter,
    };
}
