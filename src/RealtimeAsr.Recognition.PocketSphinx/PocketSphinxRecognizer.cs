using System.Collections.Frozen;
using System.Globalization;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// Offline US English recognition with Debian's PocketSphinx (<c>libpocketsphinx.so.3</c>, 5prealpha API).
/// Each utterance borrows one of at most <see cref="MaxDecoders"/> pooled decoders.
/// </summary>
/// <remarks>
/// <para>
/// Decoders (about 90 MB each) are loaded as they are needed, plus one spare, and reused; <see cref="Warm"/> loads the
/// first one at start-up so a misconfigured server fails there, and measures what it costs, from which the maximum
/// follows (<see cref="PocketSphinxOptions.DecoderMemoryBudget"/>) unless <see cref="PocketSphinxOptions.MaxDecoders"/>
/// sets it. Loading one (<c>ps_init</c>) takes about 0.6 s of CPU; loads are serialised process-wide and run on a
/// thread of the pool's own, never on the thread pool or while a session waits for anything but its own decoder.
/// PocketSphinx ends the process on some internal errors (its <c>E_FATAL</c> calls <c>exit</c>), one more reason to
/// load at start-up.
/// </para>
/// <para>
/// PocketSphinx's own log is turned off for the whole process. PocketSphinx adapts its cepstral mean normalisation to
/// the channel (recording level, microphone); that adaptation is kept per client session
/// (<see cref="CreateSession"/>), never in the pooled decoders: each utterance starts on a decoder set to its session's
/// state, so a transcript never depends on which decoder it got or what other sessions said to it before. A session's
/// first utterance starts from its own mean measured over <see cref="PocketSphinxOptions.InitialEstimateMs"/>, and
/// words and utterances PocketSphinx is not confident about are dropped (<see cref="PocketSphinxOptions.MinWordConfidence"/>,
/// <see cref="PocketSphinxOptions.MinUtteranceConfidence"/>). Measurements: <c>docs/ACCURACY.md</c>.
/// </para>
/// <para>Thread-safe: many sessions may start utterances concurrently; each utterance is used by one caller at a time.</para>
/// </remarks>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    private static readonly FrozenSet<string> s_languages = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "en");

    private readonly DecoderPool<PocketSphinxDecoder> _pool;
    private readonly int _estimateFrames;
    private readonly bool _adaptToSession;
    private readonly RecognitionRejection _rejection;

    /// <summary>Checks that the model files exist; loads nothing yet (see <see cref="Warm"/>).</summary>
    /// <exception cref="FileNotFoundException">A model file is missing; the message names it and the fix.</exception>
    /// <exception cref="DirectoryNotFoundException">The acoustic model directory is missing.</exception>
    /// <exception cref="ArgumentException">An option is out of range or an additional argument is malformed.</exception>
    public PocketSphinxRecognizer(PocketSphinxOptions options)
        : this(options, loading: null)
    {
    }

    /// <summary>
    /// As the public constructor, with <paramref name="loading"/> called on the pool's loader thread as each decoder
    /// starts loading (tests hold a load open with it).
    /// </summary>
    internal PocketSphinxRecognizer(PocketSphinxOptions options, Action? loading)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = BuildArguments(options);
        var initialMean = ParseCepstralMean(options);
        var narrowbandInitialMean = ParseNarrowbandCepstralMean(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InitialEstimateMs, $"{nameof(options)}.{nameof(options.InitialEstimateMs)}");
        CheckConfidence(options.MinWordConfidence, nameof(options.MinWordConfidence));
        CheckConfidence(options.MinUtteranceConfidence, nameof(options.MinUtteranceConfidence));
        // PocketSphinx computes a frame every 10 ms.
        _estimateFrames = options.InitialEstimateMs / 10;
        _adaptToSession = options.AdaptToSession;
        _rejection = new RecognitionRejection(options.MinWordConfidence, options.MinUtteranceConfidence);
        var size = DecoderPoolSize.From(options);
        DecoderMemoryBudget = size.MaxDecoders == null ? size.MemoryBudget : null;
        _pool = new DecoderPool<PocketSphinxDecoder>(
            size,
            () =>
            {
                loading?.Invoke();
                return PocketSphinxDecoder.Create(arguments, initialMean, narrowbandInitialMean);
            },
            static () => Environment.WorkingSet);
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public IReadOnlySet<string> SupportedLanguages => s_languages;

    /// <summary>
    /// Live real-time talkers per core: 2, measured by the project's benchmark on a 2-core VM (<c>docs/BENCHMARKS.md</c>):
    /// decoding costs 0.4–0.46 s of a core per second of speech there, so talkers who speak 80 % of the time take about
    /// 0.37 of a core each, and 4 of them 75 % of the machine; a 5th leaves no headroom and more fall behind together.
    /// </summary>
    public double? StreamsPerCore => 2;

    /// <summary>
    /// Most decoders loaded and lent at once: <see cref="PocketSphinxOptions.MaxDecoders"/> when set, otherwise
    /// <see cref="DecoderMemoryBudget"/> divided by <see cref="BytesPerDecoder"/> (at most
    /// <see cref="PocketSphinxOptions.MaxDerivedDecodersPerCore"/> per core), and 1 until the first decoder has loaded.
    /// </summary>
    public int MaxDecoders => _pool.MaxDecoders;

    /// <summary>
    /// What one decoder costs, measured as the growth of the process's resident memory while the first one loaded (so
    /// it includes what the first load alone brings in, such as the library's pages); 0 until then.
    /// </summary>
    public long BytesPerDecoder => _pool.BytesPerDecoder;

    /// <summary>
    /// The bytes the decoders may use together, from which <see cref="MaxDecoders"/> derives
    /// (<see cref="PocketSphinxOptions.DecoderMemoryBudget"/> or its default); <see langword="null"/> when
    /// <see cref="PocketSphinxOptions.MaxDecoders"/> sets the maximum.
    /// </summary>
    public long? DecoderMemoryBudget { get; }

    /// <summary>Decoders loaded now, lent or idle (about 90 MB each).</summary>
    public int LoadedDecoders => _pool.Created;

    /// <summary>Decoders lent to utterances now.</summary>
    public int DecodersInUse => _pool.Lent;

    /// <summary>Utterances waiting for a decoder now: all <see cref="MaxDecoders"/> are lent, or theirs is loading.</summary>
    public int WaitingForDecoder => _pool.Waiting;

    /// <summary>
    /// Loads one decoder now, waiting for it, and keeps it in the pool for the first utterance (no-op if one is loaded);
    /// its cost sets <see cref="MaxDecoders"/>. Call at start-up so a broken installation fails there and not on the
    /// first utterance.
    /// </summary>
    /// <exception cref="DllNotFoundException">The PocketSphinx libraries are not installed; the message says how to install them.</exception>
    /// <exception cref="InvalidOperationException">PocketSphinx could not load the models.</exception>
    public void Warm()
    {
        try
        {
            _pool.EnsureOneLoaded();
        }
        catch (DllNotFoundException e)
        {
            throw MissingLibrary(e);
        }
    }

    /// <summary>
    /// Borrows a decoder (waiting asynchronously while all <see cref="MaxDecoders"/> are in use, or while one loads) for an utterance decoded
    /// as a new session's first, adapted to nothing heard before; the utterance starts on the decoder with its first
    /// audio. Disposing the returned decoder gives it back. A session's utterances start with
    /// <see cref="CreateSession"/>'s session instead.
    /// </summary>
    /// <param name="options">
    /// <see cref="RecognitionOptions.Language"/> must be <see langword="null"/> or <c>en</c>.
    /// <see cref="RecognitionOptions.Context"/> is ignored: this engine decodes with its fixed n-gram language
    /// model and dictionary. Biasing would need a rebuilt language model, and pronunciations for new words,
    /// which PocketSphinx 5prealpha cannot guess. An utterance whose <see cref="RecognitionOptions.SourceSampleRate"/>
    /// is 8000 or less starts from <see cref="PocketSphinxOptions.NarrowbandCepstralMeanInit"/>, any other from
    /// <see cref="PocketSphinxOptions.CepstralMeanInit"/>, each refined over <see cref="PocketSphinxOptions.InitialEstimateMs"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait for a free decoder.</param>
    /// <exception cref="ArgumentException">The language is not supported, or the source sample rate is not positive.</exception>
    public ValueTask<IUtteranceDecoder> StartAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
        StartUtteranceAsync(options, session: null, cancellationToken);

    /// <inheritdoc />
    public IRecognitionSession CreateSession() => new PocketSphinxRecognitionSession(this);

    /// <summary>
    /// Borrows a decoder for an utterance that starts from the <paramref name="session"/>'s adapted state, or, for its
    /// first utterance (or without a session), from the initial mean refined over the estimate window.
    /// </summary>
    internal async ValueTask<IUtteranceDecoder> StartUtteranceAsync(
        RecognitionOptions options, PocketSphinxRecognitionSession? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Language != null && !s_languages.Contains(options.Language))
        {
            throw new ArgumentException($"PocketSphinx transcribes only English (\"en\"), not \"{options.Language}\".", nameof(options));
        }

        if (options.SourceSampleRate <= 0)
        {
            throw new ArgumentException($"The source sample rate must be positive, not {options.SourceSampleRate}.", nameof(options));
        }

        PocketSphinxDecoder decoder;
        try
        {
            decoder = await _pool.RentAsync(cancellationToken);
        }
        catch (DllNotFoundException e)
        {
            throw MissingLibrary(e);
        }

        var narrowband = IsNarrowband(options.SourceSampleRate);
        var adapted = _adaptToSession ? session?.Adapted(narrowband) : null;
        var start = adapted ?? (narrowband ? decoder.NarrowbandInitialState : decoder.InitialState);
        // Nothing native here (the caller may be a session loop): the utterance starts on the decoder with its first audio.
        return new PocketSphinxUtteranceDecoder(
            _pool,
            decoder,
            start,
            estimateFrames: adapted == null && decoder.HasCepstralMean ? _estimateFrames : 0,
            _rejection,
            session == null || !_adaptToSession || !decoder.HasCepstralMean ? null : state => session.Adapt(narrowband, state));
    }

    /// <summary>Frees the idle decoders now and each lent one when its utterance is disposed.</summary>
    public void Dispose() => _pool.Dispose();

    /// <summary>The PocketSphinx command line for <paramref name="options"/>, after checking them.</summary>
    internal static List<string> BuildArguments(PocketSphinxOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDecoders ?? 0, $"{nameof(options)}.{nameof(options.MaxDecoders)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DecoderMemoryBudget ?? 1, 1, $"{nameof(options)}.{nameof(options.DecoderMemoryBudget)}");
        RequireDirectory(options.AcousticModelDirectory, nameof(options.AcousticModelDirectory));
        RequireFile(Path.Combine(options.AcousticModelDirectory, "mdef"), nameof(options.AcousticModelDirectory));
        RequireFile(options.DictionaryPath, nameof(options.DictionaryPath));
        RequireFile(options.LanguageModelPath, nameof(options.LanguageModelPath));

        List<string> arguments =
        [
            "-hmm", options.AcousticModelDirectory,
            "-dict", options.DictionaryPath,
            "-lm", options.LanguageModelPath,
        ];
        var names = new HashSet<string>(StringComparer.Ordinal) { "-hmm", "-dict", "-lm" };
        var modelParameters = ModelFeatureParameters(options.AcousticModelDirectory);
        foreach (var (name, value) in options.AdditionalArguments)
        {
            if (!name.StartsWith('-') || name.Length < 2 || name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException(
                    $"PocketSphinx argument names look like \"-beam\"; \"{name}\" does not.", nameof(options));
            }

            if (name == "-cmninit")
            {
                // With -hmm, PocketSphinx 5prealpha lets the model's feat.params override -cmninit (measured).
                throw new ArgumentException(
                    $"Set the initial cepstral mean with PocketSphinxOptions.{nameof(PocketSphinxOptions.CepstralMeanInit)}: PocketSphinx ignores -cmninit when the model's feat.params sets it.",
                    nameof(options));
            }

            if (modelParameters.Contains(name))
            {
                // ps_init merges the model's feat.params over the arguments: a value given here would be ignored silently
                // (measured for -cmn none, -agc max and -varnorm yes, as for -cmninit above).
                throw new ArgumentException(
                    $"PocketSphinx ignores the argument \"{name}\": the acoustic model sets it in {Path.Combine(options.AcousticModelDirectory, "feat.params")}, "
                    + "which overrides arguments. To change it, use a copy of the model directory with its feat.params edited "
                    + $"(PocketSphinxOptions.{nameof(PocketSphinxOptions.AcousticModelDirectory)}).",
                    nameof(options));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException(
                    $"PocketSphinx argument \"{name}\" is set by its own PocketSphinxOptions property.", nameof(options));
            }

            ArgumentNullException.ThrowIfNull(value, $"{nameof(options.AdditionalArguments)}[{name}]");
            arguments.Add(name);
            arguments.Add(value);
        }

        return arguments;
    }

    /// <summary>The argument names the acoustic model's <c>feat.params</c> sets (none when it has no such file).</summary>
    private static HashSet<string> ModelFeatureParameters(string acousticModelDirectory)
    {
        var path = Path.Combine(acousticModelDirectory, "feat.params");
        HashSet<string> names = new(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var name = line.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                if (name is { Length: > 1 } && name[0] == '-')
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>The highest source sample rate that counts as narrowband.</summary>
    internal const int NarrowbandMaxSampleRate = 8000;

    /// <summary>
    /// Whether audio recorded at <paramref name="sourceSampleRate"/> is narrowband: 8 kHz or less, so nothing above
    /// 4 kHz once upsampled, which moves its cepstral mean far from wideband speech's.
    /// </summary>
    internal static bool IsNarrowband(int sourceSampleRate) => sourceSampleRate <= NarrowbandMaxSampleRate;

    /// <summary>The parsed <see cref="PocketSphinxOptions.CepstralMeanInit"/>; <see langword="null"/> for the model's own.</summary>
    internal static float[]? ParseCepstralMean(PocketSphinxOptions options) =>
        ParseCepstralMean(options, options.CepstralMeanInit, nameof(PocketSphinxOptions.CepstralMeanInit));

    /// <summary>
    /// The parsed <see cref="PocketSphinxOptions.NarrowbandCepstralMeanInit"/>; <see langword="null"/> for the same
    /// mean as wideband utterances.
    /// </summary>
    internal static float[]? ParseNarrowbandCepstralMean(PocketSphinxOptions options) =>
        ParseCepstralMean(options, options.NarrowbandCepstralMeanInit, nameof(PocketSphinxOptions.NarrowbandCepstralMeanInit));

    private static float[]? ParseCepstralMean(PocketSphinxOptions options, string? value, string option)
    {
        if (value == null)
        {
            return null;
        }

        var mean = new List<float>();
        foreach (var part in value.Split(','))
        {
            if (!float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !float.IsFinite(number))
            {
                mean.Clear();
                break;
            }

            mean.Add(number);
        }

        if (mean.Count == 0)
        {
            throw new ArgumentException(
                $"PocketSphinxOptions.{option} must be comma-separated numbers such as \"41,-5.3,-0.1\", not \"{value}\".",
                nameof(options));
        }

        return [.. mean];
    }

    private static void CheckConfidence(double value, string option)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentException($"PocketSphinxOptions.{option} is a probability from 0 to 1, not {value}.", nameof(option));
        }
    }

    private static void RequireDirectory(string path, string option)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"PocketSphinx acoustic model directory not found: {path} (PocketSphinxOptions.{option}). {InstallHint}");
        }
    }

    private static void RequireFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"PocketSphinx model file not found: {path} (PocketSphinxOptions.{option}). {InstallHint}", path);
        }
    }

    private static DllNotFoundException MissingLibrary(DllNotFoundException e) =>
        new($"The PocketSphinx libraries (libpocketsphinx.so.3, libsphinxbase.so.3) could not be loaded: {e.Message} "
            + "Run scripts/setup.sh, which installs the apt packages libpocketsphinx3 and pocketsphinx-en-us.", e);

    private const string InstallHint =
        "Run scripts/setup.sh (installs the apt packages pocketsphinx-en-us libpocketsphinx3), or point the option at an existing file.";
}
