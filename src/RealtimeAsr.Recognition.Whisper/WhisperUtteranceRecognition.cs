using Whisper.net;

namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// One utterance on a <see cref="WhisperEngine"/>: the shared window streaming (<see cref="WindowUtteranceRecognition"/>)
/// with whisper.cpp as the decoder. Settles each decode's language, prompt, encoder context and retries, and turns
/// whisper.cpp's segments into the window's text (filtered), its detected language and its pauses.
/// </summary>
internal sealed class WhisperUtteranceRecognition : WindowUtteranceRecognition
{
    private readonly WhisperEngine _engine;
    private readonly WhisperEngine.Loaded _loaded;
    private readonly IRecognitionWorkers _workers;
    private readonly string? _context;
    private readonly string? _language;
    private readonly long _keepLanguageSamples;
    private readonly WhisperTranscriptFilter _filter;

    // Written by one decode and read by the next: the base class never runs two decodes of an utterance at once.
    private string? _detectedLanguage;

    public WhisperUtteranceRecognition(WhisperEngine engine, WhisperEngine.Loaded loaded, IRecognitionWorkers workers,
        RecognitionOptions options)
        : base(engine.Options.Streaming)
    {
        _engine = engine;
        _loaded = loaded;
        _workers = workers;
        _context = options.Context;
        // The session's language, or English for an English-only model; null: detected by the decodes.
        _language = options.Language is { } language ? WhisperLanguages.ToWhisper(language)
            : loaded.Model.Info.IsMultilingual ? null
            : "en";
        _keepLanguageSamples = (long)(engine.Options.KeepDetectedLanguageAfter.TotalSeconds * RecognitionAudio.SampleRate);
        _filter = new WhisperTranscriptFilter(engine.Options.NoSpeechThreshold);
    }

    protected override async Task<WindowHypothesis> DecodeAsync(WindowDecodeRequest request, CancellationToken cancellationToken)
    {
        var options = _engine.Options;
        var info = _loaded.Model.Info;
        // Cut and final decodes make the transcript; partials are previews, re-decoded a second later.
        var kept = request.Kind != WindowDecodeKind.Partial;
        var audioContext = kept ? options.FinalAudioContext : options.PartialAudioContext;
        var settings = new WhisperDecodeSettings(
            request.Kind,
            _language ?? _detectedLanguage,
            WhisperPrompt.Build(_context, request.PreviousText, info.TextContext),
            audioContext == WhisperAudioContext.Sized ? WhisperDecoder.AudioContextFor(request.Audio.Length, info) : 0,
            kept ? options.TemperatureFallback : 0f);

        var output = await _engine.DecodeAsync(_loaded, _workers, request.Audio, settings, cancellationToken).ConfigureAwait(false);
        if (_language is null && _detectedLanguage is null && request.Audio.Length >= _keepLanguageSamples)
        {
            _detectedLanguage = output.Language;
        }

        return new WindowHypothesis(
            _filter.Transcript(output.Segments.Select(static s => new WhisperSegment(s.Text, s.NoSpeechProbability))),
            _language is null ? WhisperLanguages.FromWhisper(output.Language) : null,
            Pauses(output.Segments, request.Audio.Length));
    }

    /// <summary>
    /// The boundaries between whisper.cpp's segments (the middle of the gap when there is one), as sample offsets
    /// inside the window: Whisper ends a segment where the speaker paused or a sentence ended, the best places to cut.
    /// </summary>
    internal static List<long>? Pauses(IReadOnlyList<SegmentData> segments, int windowSamples)
    {
        List<long>? pauses = null;
        for (var i = 1; i < segments.Count; i++)
        {
            var middle = (segments[i - 1].End + segments[i].Start) / 2;
            var sample = (long)(middle.TotalSeconds * RecognitionAudio.SampleRate);
            if (sample > 0 && sample < windowSamples)
            {
                (pauses ??= []).Add(sample);
            }
        }

        return pauses;
    }
}
