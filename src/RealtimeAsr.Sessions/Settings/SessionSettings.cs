using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

/// <summary>The effective configuration of a session, after every <c>session.update</c> so far.</summary>
/// <param name="InputAudioFormat"><see cref="AudioFormats.Pcm"/> or <see cref="AudioFormats.Opus"/>.</param>
/// <param name="SampleRate">16000 or 8000.</param>
/// <param name="Language">Requested language, or <see langword="null"/> for automatic.</param>
/// <param name="CorpusText">Biasing text, or <see langword="null"/>.</param>
/// <param name="TurnDetection">Server VAD settings, or <see langword="null"/> in Manual mode.</param>
public sealed record SessionSettings(
    string InputAudioFormat,
    int SampleRate,
    string? Language,
    string? CorpusText,
    TurnDetectionSettings? TurnDetection)
{
    /// <summary>Sample rates the protocol accepts.</summary>
    public static IReadOnlyList<int> SupportedSampleRates { get; } = [16000, 8000];

    /// <summary>Largest <c>corpus.text</c>, counted in whitespace-separated words as a stand-in for tokens.</summary>
    public const int MaxCorpusWords = 10_000;

    /// <summary>What a new session starts with: 16 kHz PCM, automatic language, server VAD 0.2 / 800 ms.</summary>
    public static SessionSettings Default { get; } =
        new(AudioFormats.Pcm, 16000, Language: null, CorpusText: null, TurnDetectionSettings.Balanced);

    /// <summary>True in server-VAD mode, false in Manual mode.</summary>
    public bool IsServerVad => TurnDetection is not null;

    /// <summary>The wire form echoed in <c>session.created</c> / <c>session.updated</c>: the full effective configuration.</summary>
    public SessionConfiguration ToConfiguration(string sessionId, string model) => new()
    {
        Id = sessionId,
        ObjectType = "realtime.session",
        Model = model,
        Modalities = ["text"],
        InputAudioFormat = InputAudioFormat,
        SampleRate = SampleRate,
        InputAudioTranscription = Language is null && CorpusText is null
            ? null
            : new InputAudioTranscription { Language = Language, Corpus = CorpusText is null ? null : new Corpus { Text = CorpusText } },
        TurnDetection = TurnDetection is null
            ? null
            : new TurnDetection { Threshold = TurnDetection.Threshold, SilenceDurationMs = TurnDetection.SilenceDurationMs },
    };
}
