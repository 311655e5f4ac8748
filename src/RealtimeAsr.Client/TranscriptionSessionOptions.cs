using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

/// <summary>
/// The recognition settings of one session, sent as <c>session.update</c> when the session opens.
/// Ranges are checked by the server, which answers a bad value with an <c>error</c> event
/// (surfaced as <see cref="RealtimeAsrErrorException"/>).
/// </summary>
public sealed class TranscriptionSessionOptions
{
    /// <summary>Audio encoding. Default: <see cref="AudioInputFormat.Pcm"/>.</summary>
    public AudioInputFormat AudioFormat { get; set; } = AudioInputFormat.Pcm;

    /// <summary>Sample rate in hertz: 16000 or 8000 (telephony). Default: 16000.</summary>
    public int SampleRate { get; set; } = 16000;

    /// <summary>Language hint such as <c>en</c> or <c>zh</c>. Default: <see langword="null"/>, automatic detection.</summary>
    public string? Language { get; set; }

    /// <summary>Context-biasing text (terms, names, a paragraph about the topic), at most 10,000 tokens. Default: none.</summary>
    public string? CorpusText { get; set; }

    /// <summary>
    /// Server voice-activity detection: the server splits utterances itself. <see langword="null"/> selects Manual mode,
    /// where <see cref="RealtimeTranscriptionSession.CommitAsync"/> marks each utterance end.
    /// Default: <see cref="TurnDetectionSettings.Balanced"/> (threshold 0.2, 800 ms silence); see also
    /// <see cref="TurnDetectionSettings.LowLatency"/> (0.0, 400 ms) or any <c>new TurnDetectionSettings(threshold, ms)</c>.
    /// </summary>
    public TurnDetectionSettings? TurnDetection { get; set; } = TurnDetectionSettings.Balanced;

    /// <summary>True when server VAD is off and the client commits utterances itself.</summary>
    public bool IsManualMode => TurnDetection is null;

    /// <summary>A copy of these options.</summary>
    public TranscriptionSessionOptions Clone() => (TranscriptionSessionOptions)MemberwiseClone();

    /// <summary>The <c>session.update</c> event that applies these options.</summary>
    public SessionUpdateEvent ToSessionUpdate()
    {
        if (SampleRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "The sample rate must be positive (16000 or 8000).");
        }

        return new SessionUpdateEvent
        {
            Session = new SessionConfiguration
            {
                Modalities = ["text"],
                InputAudioFormat = AudioFormat == AudioInputFormat.Opus ? AudioFormats.Opus : AudioFormats.Pcm,
                SampleRate = SampleRate,
                // Always an object: the SDKs send one, and a null could read as "transcription off" to a strict server.
                InputAudioTranscription = new InputAudioTranscription
                {
                    Language = string.IsNullOrWhiteSpace(Language) ? null : Language,
                    Corpus = string.IsNullOrEmpty(CorpusText) ? null : new Corpus { Text = CorpusText },
                },
                TurnDetection = TurnDetection is null
                    ? null
                    : new TurnDetection { Threshold = TurnDetection.Threshold, SilenceDurationMs = TurnDetection.SilenceDurationMs },
            },
        };
    }
}
