namespace RealtimeAsr.Audio;

/// <summary>
/// Server VAD for one session: cuts 16 kHz audio of any chunk size into frames, asks an
/// <see cref="ISpeechProbabilityEstimator"/> how likely each frame is speech, and reports utterances to an
/// <see cref="ISpeechSegmentSink"/>. Speech starts after <see cref="VoiceActivityOptions.MinSpeechDurationMs"/> of frames at
/// or above the start probability (then the lower continue probability) and stops after
/// <see cref="VoiceActivityOptions.SilenceDurationMs"/> of frames below the continue probability. An utterance longer
/// than <see cref="VoiceActivityOptions.MaxSpeechDurationMs"/> is cut at its next pause and goes on as a new one.
/// Not thread-safe.
/// </summary>
/// <remarks>
/// Once an utterance has started, audio is reported as it arrives, before its frame is analysed, so the recogniser never
/// waits for a frame to fill. Outside utterances only the pre-roll is kept.
/// </remarks>
public sealed class VoiceActivityDetector : IDisposable
{
    private readonly ISpeechProbabilityEstimator _estimator;
    private readonly int _frameSamples;
    private readonly short[] _frame;
    private int _frameFill;

    // Settings, in samples and probabilities.
    private float _startProbability;
    private float _continueProbability;
    private int _silenceSamples;
    private int _preRollSamples;
    private int _minSpeechFrames;
    private long _maxSpeechSamples;
    private VoiceActivityOptions _options = new();

    // Undelivered audio of analysed frames while no utterance is in progress: the pre-roll and any speech candidate.
    private short[] _history = [];
    private int _historyLength;

    private long _deliveredUntil;
    private int _candidateFrames;
    private long _candidateStart;
    private long _speechEnd;
    private long _utteranceStart;
    // Where an over-long utterance was cut while its speech may go on (see CutSpeech); -1 when none is.
    private long _cutAt = -1;

    /// <summary>Creates a detector that runs <paramref name="model"/> on its own per-stream state.</summary>
    public VoiceActivityDetector(SileroVadModel model, VoiceActivityOptions? options = null)
        : this(CreateEstimator(model, options), options)
    {
    }

    /// <summary>Creates a detector over <paramref name="estimator"/>, which it owns and disposes.</summary>
    public VoiceActivityDetector(ISpeechProbabilityEstimator estimator, VoiceActivityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        _estimator = estimator;
        _frameSamples = estimator.FrameSamples;
        _frame = new short[_frameSamples];
        Update(options ?? new VoiceActivityOptions());
    }

    /// <summary>A copy of the settings in effect.</summary>
    public VoiceActivityOptions Options => _options.Clone();

    /// <summary>Whether an utterance is in progress (started and not yet stopped).</summary>
    public bool InSpeech { get; private set; }

    /// <summary>
    /// Samples given to <see cref="Process"/> so far: the session's audio clock. Inside a sink call, the position just after
    /// the audio reported so far (for <see cref="ISpeechSegmentSink.OnSpeechStarted"/>, the end of its pre-roll).
    /// </summary>
    public long Position { get; private set; }

    /// <summary>Speech probability of the last analysed frame, for diagnostics.</summary>
    public float LastProbability { get; private set; }

    /// <summary>
    /// Applies new settings (from <c>session.update</c>) from the next frame on; an utterance in progress continues under them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Update(VoiceActivityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _startProbability = (float)options.StartProbability;
        _continueProbability = (float)options.ContinueProbability;
        _silenceSamples = options.SilenceDurationMs * AudioFormat.SamplesPerMillisecond;
        _preRollSamples = options.PreRollMs * AudioFormat.SamplesPerMillisecond;
        _minSpeechFrames = Math.Max(1, (int)Math.Ceiling(options.MinSpeechDurationMs * AudioFormat.SamplesPerMillisecond / (double)_frameSamples));
        _maxSpeechSamples = (long)options.MaxSpeechDurationMs * AudioFormat.SamplesPerMillisecond;

        // Room for the pre-roll before the longest candidate, or for the audio after a cut (at most the silence
        // duration), plus the frame being appended.
        var capacity = Math.Max(_preRollSamples + (_minSpeechFrames * _frameSamples), _silenceSamples) + _frameSamples;
        if (_history.Length < capacity)
        {
            Array.Resize(ref _history, capacity);
        }
    }

    /// <summary>Analyses <paramref name="samples"/> (16 kHz mono, any length) and reports utterances to <paramref name="sink"/>.</summary>
    public void Process(ReadOnlySpan<short> samples, ISpeechSegmentSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        while (!samples.IsEmpty)
        {
            var part = samples[..Math.Min(samples.Length, _frameSamples - _frameFill)];
            samples = samples[part.Length..];
            part.CopyTo(_frame.AsSpan(_frameFill));
            _frameFill += part.Length;
            Position += part.Length;
            if (InSpeech)
            {
                _deliveredUntil = Position;
                sink.OnSpeechAudio(part);
            }

            if (_frameFill == _frameSamples)
            {
                _frameFill = 0;
                AnalyseFrame(sink);
            }
        }
    }

    /// <summary>
    /// Ends an utterance in progress (for <c>session.finish</c>): calls <see cref="ISpeechSegmentSink.OnSpeechStopped"/> with
    /// the start of the trailing silence, or the end of the audio if speech lasted to the end. Returns whether it did.
    /// Audio given since is analysed as usual.
    /// </summary>
    public bool Flush(ISpeechSegmentSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!InSpeech)
        {
            return false;
        }

        // The partial frame has been reported but not analysed; if the last analysed frame was speech, count it as speech.
        var analysedEnd = Position - _frameFill;
        var end = _speechEnd == analysedEnd ? Position : _speechEnd;
        StopSpeech(end, sink);
        return true;
    }

    /// <summary>
    /// Forgets buffered audio, any utterance in progress (without reporting it) and the model's state
    /// (<c>input_audio_buffer.clear</c>). <see cref="Position"/> keeps counting from where it was.
    /// </summary>
    public void Reset() => Reset(Position);

    /// <summary>
    /// Like <see cref="Reset()"/>, and moves the clock to <paramref name="position"/>: for a session that turns VAD on
    /// after audio the detector has not seen (Manual mode first), so that reported positions stay on the session's clock.
    /// </summary>
    public void Reset(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Position = position;
        _estimator.Reset();
        _frameFill = 0;
        _historyLength = 0;
        _candidateFrames = 0;
        _deliveredUntil = Position;
        _cutAt = -1;
        InSpeech = false;
        LastProbability = 0;
    }

    /// <inheritdoc />
    public void Dispose() => _estimator.Dispose();

    // Validates before creating, so that invalid options do not leak the estimator.
    private static SileroVadEstimator CreateEstimator(SileroVadModel model, VoiceActivityOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        options?.Validate();
        return model.CreateEstimator();
    }

    private void AnalyseFrame(ISpeechSegmentSink sink)
    {
        var probability = _estimator.Estimate(_frame);
        LastProbability = probability;
        var frameEnd = Position;
        var frameStart = frameEnd - _frameSamples;
        if (InSpeech)
        {
            var pause = probability < _continueProbability;
            if (!pause)
            {
                _speechEnd = frameEnd;
            }
            else if (frameEnd - _speechEnd >= _silenceSamples)
            {
                StopSpeech(_speechEnd, sink);
                return;
            }

            if (_maxSpeechSamples > 0 && MustCut(frameEnd - _utteranceStart, pause))
            {
                CutSpeech(frameEnd, sink);
            }

            return;
        }

        // Keep the part of the frame not already given to an earlier utterance (see Flush).
        var undelivered = (int)Math.Min(_frameSamples, frameEnd - _deliveredUntil);
        AppendToHistory(_frame.AsSpan(_frameSamples - undelivered));
        if (_cutAt >= 0 && ResumeAfterCut(probability, frameEnd, sink))
        {
            return;
        }

        if (_candidateFrames == 0 ? probability >= _startProbability : probability >= _continueProbability)
        {
            if (_candidateFrames++ == 0)
            {
                _candidateStart = frameStart;
            }
        }
        else
        {
            _candidateFrames = 0;
        }

        if (_candidateFrames >= _minSpeechFrames)
        {
            StartSpeech(frameEnd, sink);
            return;
        }

        // Outside a candidate only the pre-roll matters; during one, the pre-roll before its start; after a cut, all since.
        var keep = _cutAt >= 0 ? (int)(frameEnd - _cutAt)
            : _preRollSamples + (_candidateFrames > 0 ? (int)(frameEnd - _candidateStart) : 0);
        TrimHistory(keep);
    }

    private void StartSpeech(long frameEnd, ISpeechSegmentSink sink)
    {
        var historyStart = frameEnd - _historyLength;
        var preRollStart = Math.Max(_candidateStart - _preRollSamples, historyStart);
        StartSpeech(_candidateStart, preRollStart, frameEnd, sink);
    }

    private void StartSpeech(long startSample, long audioStart, long frameEnd, ISpeechSegmentSink sink)
    {
        var historyStart = frameEnd - _historyLength;
        var preRoll = _history.AsSpan((int)(audioStart - historyStart), (int)(frameEnd - audioStart));
        InSpeech = true;
        _candidateFrames = 0;
        _cutAt = -1;
        _utteranceStart = startSample;
        _speechEnd = frameEnd;
        _deliveredUntil = frameEnd;
        _historyLength = 0;
        sink.OnSpeechStarted(startSample, preRoll);
    }

    /// <summary>
    /// Whether an utterance of <paramref name="length"/> samples is cut at this frame: at its first pause once it has
    /// reached the limit, and at one and a half times the limit whatever it hears.
    /// </summary>
    private bool MustCut(long length, bool pause) =>
        length >= _maxSpeechSamples && (pause || length >= _maxSpeechSamples + (_maxSpeechSamples / 2));

    /// <summary>
    /// Ends the over-long utterance at <paramref name="at"/>, the end of the frame just analysed (its audio has been
    /// reported). What follows is held, as history, until the speech resumes (<see cref="ResumeAfterCut"/>).
    /// </summary>
    private void CutSpeech(long at, ISpeechSegmentSink sink)
    {
        StopSpeech(at, sink);
        _cutAt = at;
    }

    /// <summary>
    /// After a cut: a frame at or above the continue probability (the speaker goes on) starts the next utterance at the
    /// cut, with all the audio since, so that the two utterances meet without a gap; a pause as long as the silence
    /// duration means the speech ended at the cut after all, and the detector waits for speech as usual.
    /// </summary>
    private bool ResumeAfterCut(float probability, long frameEnd, ISpeechSegmentSink sink)
    {
        if (probability >= _continueProbability)
        {
            StartSpeech(_cutAt, _cutAt, frameEnd, sink);
            return true;
        }

        if (frameEnd - _cutAt >= _silenceSamples)
        {
            _cutAt = -1;
        }

        return false;
    }

    private void StopSpeech(long endSample, ISpeechSegmentSink sink)
    {
        InSpeech = false;
        _historyLength = 0;
        _candidateFrames = 0;
        _deliveredUntil = Position;
        sink.OnSpeechStopped(endSample);
    }

    private void AppendToHistory(ReadOnlySpan<short> samples)
    {
        samples.CopyTo(_history.AsSpan(_historyLength));
        _historyLength += samples.Length;
    }

    private void TrimHistory(int keep)
    {
        if (_historyLength > keep)
        {
            Array.Copy(_history, _historyLength - keep, _history, 0, keep);
            _historyLength = keep;
        }
    }
}
