namespace RealtimeAsr.Recognition;

/// <summary>
/// Streams partial results from a model that only decodes whole stretches of audio (Whisper; remote HTTP engines):
/// decides when to re-decode the growing utterance, turns the hypotheses into <see cref="Text"/> and
/// <see cref="Stash"/> (LocalAgreement-2, <see cref="HypothesisAgreement"/>), cuts long speech into windows the model
/// can take, and assembles the <see cref="Transcript"/>. Pure logic: no audio, no I/O, no threads, no clock of its own.
/// See docs/ENGINES.md, "Streaming from a non-streaming model".
/// </summary>
/// <remarks>
/// <para>An engine drives one policy per utterance:</para>
/// <list type="number">
/// <item>Whenever audio arrives (and after each decode), call <see cref="NextDecode"/> with the utterance's length in
/// samples and a monotonic timestamp. When it returns a <see cref="WindowDecode"/>, decode those samples (on a
/// recognition worker) and hand the hypothesis to <see cref="Decoded"/>. Only one decode is ever in flight:
/// <see cref="NextDecode"/> returns <see langword="null"/> until <see cref="Decoded"/> took the previous one.</item>
/// <item>After a <see cref="WindowDecodeKind.Partial"/> or <see cref="WindowDecodeKind.Cut"/> decode,
/// <see cref="Decoded"/> says whether <see cref="Text"/> or <see cref="Stash"/> changed: send a partial then.</item>
/// <item>Report pauses inside the utterance (a VAD's silence, low energy, a gap between the model's segments) with
/// <see cref="AddPause"/>; long speech is cut there.</item>
/// <item>At the utterance's end call <see cref="End"/>, then keep calling <see cref="NextDecode"/> and
/// <see cref="Decoded"/> until <see cref="IsComplete"/>; <see cref="Transcript"/> is the result.</item>
/// </list>
/// <para>
/// Scheduling: a partial decode starts when at least <see cref="WindowStreamingOptions.PartialInterval"/> of audio
/// arrived since the audio the last partial covered <b>and</b> at least that much time passed since the last partial
/// decode started (so a client sending faster than real time costs no more than one in real time). A decode always
/// covers all audio of the window so far, so when a decode took longer than the interval the next one catches up in
/// one go: the intermediate partials, stale before they could be shown, are skipped, never queued. A partial decode
/// that finishes after <see cref="End"/> is discarded: the final supersedes it.
/// </para>
/// <para>
/// Windows: one decode never covers more than <see cref="WindowStreamingOptions.MaxWindow"/>. Once the window is
/// <see cref="WindowStreamingOptions.PauseCutAfter"/> long and a pause is known inside it, or when it reaches
/// <see cref="WindowStreamingOptions.MaxWindow"/>, the next decode is a <see cref="WindowDecodeKind.Cut"/> ending at
/// the latest pause inside the window (at <see cref="WindowStreamingOptions.MaxWindow"/> exactly without one). Its
/// text is confirmed whole, and the next window starts at the cut sample: audio is never dropped. After
/// <see cref="End"/> a window longer than the limit is cut the same way before the final decode.
/// </para>
/// <para>
/// The transcript is the texts of the cut windows followed by the final decode's text: the model's last word on each
/// stretch of audio. It may differ from the confirmed <see cref="Text"/> (the protocol's <c>completed</c> replaces
/// the preview). For a prompt, an engine can use <see cref="ClosedText"/>, the text of the windows already cut.
/// </para>
/// <para>Not thread-safe: one instance per utterance, called by one caller at a time.</para>
/// </remarks>
public sealed class WindowStreamingPolicy
{
    private readonly HypothesisAgreement _agreement = new();
    private readonly List<TextUnit> _closed = [];
    private readonly List<long> _pauses = [];
    private readonly long _intervalSamples;
    private readonly long _maxWindowSamples;
    private readonly long _pauseCutSamples;
    private readonly TimeSpan _interval;
    private WindowDecode? _inFlight;
    private long _audioLength;
    private long _covered;
    private TimeSpan? _lastPartialStart;
    private bool _ended;

    /// <summary>Creates the policy for one utterance.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="sampleRate">Samples per second of the offsets passed in and returned.</param>
    public WindowStreamingPolicy(WindowStreamingOptions options, int sampleRate = RecognitionAudio.SampleRate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        options.Validate();
        _interval = options.PartialInterval;
        _intervalSamples = Math.Max(1, ToSamples(options.PartialInterval, sampleRate));
        _maxWindowSamples = Math.Max(1, ToSamples(options.MaxWindow, sampleRate));
        _pauseCutSamples = Math.Max(1, ToSamples(options.PauseCutAfter, sampleRate));
    }

    /// <summary>The confirmed text (protocol <c>text</c>): only ever grows.</summary>
    public string Text => _agreement.Text;

    /// <summary>The draft after <see cref="Text"/> (protocol <c>stash</c>).</summary>
    public string Stash => _agreement.Stash;

    /// <summary>The first sample of the current window; the samples before it are decoded for good.</summary>
    public long WindowStart { get; private set; }

    /// <summary>The text of the windows cut so far (what the model said about the audio before <see cref="WindowStart"/>).</summary>
    public string ClosedText => TextUnits.Join(_closed);

    /// <summary>The decode handed out by <see cref="NextDecode"/> and not yet given to <see cref="Decoded"/>.</summary>
    public WindowDecode? InFlight => _inFlight;

    /// <summary>Whether the final decode has been taken; <see cref="Transcript"/> is then set.</summary>
    public bool IsComplete => Transcript is not null;

    /// <summary>The final transcript once <see cref="IsComplete"/>; <see langword="null"/> before.</summary>
    public string? Transcript { get; private set; }

    /// <summary>
    /// Records a pause (a point of silence) at <paramref name="sample"/>, an offset from the utterance's start; the
    /// middle of a silence is the best cut. Pauses at or before <see cref="WindowStart"/> are ignored.
    /// </summary>
    public void AddPause(long sample)
    {
        if (sample > WindowStart)
        {
            _pauses.Add(sample);
        }
    }

    /// <summary>
    /// The utterance ended at <paramref name="audioLength"/> samples: no partial decode starts from now on, a partial
    /// in flight will be discarded, and <see cref="NextDecode"/> hands out the remaining cuts and the final decode.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="audioLength"/> is less than a length seen before.</exception>
    public void End(long audioLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(audioLength, _audioLength);
        _audioLength = audioLength;
        _ended = true;
        if (_inFlight is null && audioLength <= WindowStart)
        {
            Transcript ??= ClosedText;
        }
    }

    /// <summary>
    /// Decides whether a decode starts now, and if so which. The decode it returns is in flight until
    /// <see cref="Decoded"/>; until then this returns <see langword="null"/>.
    /// </summary>
    /// <param name="audioLength">Samples of the utterance so far (never less than before); ignored after <see cref="End"/>.</param>
    /// <param name="now">A monotonic timestamp, e.g. <see cref="TimeProvider.GetElapsedTime(long)"/> since the session started.</param>
    public WindowDecode? NextDecode(long audioLength, TimeSpan now)
    {
        if (_inFlight is not null || IsComplete)
        {
            return null;
        }

        if (!_ended)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(audioLength, _audioLength);
            _audioLength = audioLength;
        }

        var window = _audioLength - WindowStart;
        if (window >= _maxWindowSamples && (!_ended || window > _maxWindowSamples))
        {
            return Start(new WindowDecode(WindowDecodeKind.Cut, WindowStart, LatestPause() ?? WindowStart + _maxWindowSamples));
        }

        if (_ended)
        {
            return Start(new WindowDecode(WindowDecodeKind.Final, WindowStart, _audioLength));
        }

        if (window >= _pauseCutSamples && LatestPause() is { } pause)
        {
            return Start(new WindowDecode(WindowDecodeKind.Cut, WindowStart, pause));
        }

        if (_audioLength - _covered >= _intervalSamples && (_lastPartialStart is not { } last || now - last >= _interval))
        {
            _lastPartialStart = now;
            return Start(new WindowDecode(WindowDecodeKind.Partial, WindowStart, _audioLength));
        }

        return null;
    }

    /// <summary>Takes the result of the decode in flight.</summary>
    /// <param name="decode">The decode <see cref="NextDecode"/> returned.</param>
    /// <param name="hypothesis">The model's text for that audio; <see langword="null"/> counts as empty.</param>
    /// <returns>
    /// <see langword="true"/> when <see cref="Text"/> or <see cref="Stash"/> changed, so a partial is worth sending;
    /// <see langword="false"/> for a discarded partial and for the final (read <see cref="Transcript"/>).
    /// </returns>
    /// <exception cref="InvalidOperationException"><paramref name="decode"/> is not the decode in flight.</exception>
    public bool Decoded(WindowDecode decode, string? hypothesis)
    {
        if (_inFlight != decode)
        {
            throw new InvalidOperationException($"{decode} is not the decode in flight ({_inFlight?.ToString() ?? "none"}).");
        }

        _inFlight = null;
        var units = TextUnits.Split(hypothesis);
        switch (decode.Kind)
        {
            case WindowDecodeKind.Partial:
                if (_ended)
                {
                    return false;
                }

                _covered = decode.End;
                return _agreement.Update([.. _closed, .. units], confirmAll: false);

            case WindowDecodeKind.Cut:
                _closed.AddRange(units);
                WindowStart = decode.End;
                _covered = decode.End;
                _pauses.RemoveAll(p => p <= WindowStart);
                if (_ended && _audioLength <= WindowStart)
                {
                    Transcript = ClosedText;
                }

                return _agreement.Update(_closed, confirmAll: true);

            case WindowDecodeKind.Final:
                Transcript = TextUnits.Join([.. _closed, .. units]);
                return false;

            default:
                throw new ArgumentOutOfRangeException(nameof(decode), decode.Kind, "Unknown decode kind.");
        }
    }

    /// <summary>
    /// The decode in flight failed or was abandoned: nothing changes, and <see cref="NextDecode"/> may hand out the same
    /// decode again (with whatever audio arrived meanwhile).
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="decode"/> is not the decode in flight.</exception>
    public void Skipped(WindowDecode decode)
    {
        if (_inFlight != decode)
        {
            throw new InvalidOperationException($"{decode} is not the decode in flight ({_inFlight?.ToString() ?? "none"}).");
        }

        _inFlight = null;
    }

    private WindowDecode Start(WindowDecode decode)
    {
        _inFlight = decode;
        return decode;
    }

    private long? LatestPause()
    {
        long? latest = null;
        foreach (var pause in _pauses)
        {
            if (pause > WindowStart && pause <= WindowStart + _maxWindowSamples && pause <= _audioLength && (latest is null || pause > latest))
            {
                latest = pause;
            }
        }

        return latest;
    }

    private static long ToSamples(TimeSpan duration, int sampleRate) => duration.Ticks * sampleRate / TimeSpan.TicksPerSecond;
}
