namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>Settings of the <see cref="PocketSphinxRecognizer"/>. The defaults use Debian's <c>pocketsphinx-en-us</c> package.</summary>
public sealed class PocketSphinxOptions
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> package installs the US English models.</summary>
    public const string DebianModelRoot = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>
    /// Directory of the acoustic model (holds <c>mdef</c>, <c>means</c>, <c>feat.params</c>, ...), passed as
    /// <c>-hmm</c>. Default: <c>/usr/share/pocketsphinx/model/en-us/en-us</c>.
    /// </summary>
    public string AcousticModelDirectory { get; set; } = Path.Combine(DebianModelRoot, "en-us");

    /// <summary>Pronunciation dictionary, passed as <c>-dict</c>. Default: <c>/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict</c>.</summary>
    public string DictionaryPath { get; set; } = Path.Combine(DebianModelRoot, "cmudict-en-us.dict");

    /// <summary>N-gram language model (ARPA or binary), passed as <c>-lm</c>. Default: <c>/usr/share/pocketsphinx/model/en-us/en-us.lm.bin</c>.</summary>
    public string LanguageModelPath { get; set; } = Path.Combine(DebianModelRoot, "en-us.lm.bin");

    /// <summary>
    /// Most decoders loaded and lent at once, i.e. most utterances decoded concurrently; further utterances wait
    /// in <see cref="PocketSphinxRecognizer.StartAsync"/> until one ends. <see langword="null"/> or 0: as many as
    /// <see cref="DecoderMemoryBudget"/> holds, at most <see cref="MaxDerivedDecodersPerCore"/> per core. Default:
    /// <see langword="null"/> (on a 2-core server with 24 GiB, 32 decoders).
    /// </summary>
    /// <remarks>
    /// A decoder is memory (about 90 MB) held for a whole utterance, not CPU: CPU is bounded by the server's
    /// recognition workers, and an utterance spends most of its life waiting for real-time audio. A pool sized for the
    /// CPU (it used to be 2 per core) made speakers wait for a decoder while the CPU was idle, so the pool is sized for
    /// memory. Decoders are loaded as they are needed (plus one spare), so an idle server holds few of them.
    /// See <c>docs/OPERATIONS.md</c>, "Sessions and decoders".
    /// </remarks>
    public int? MaxDecoders { get; set; }

    /// <summary>
    /// Bytes of memory the decoders may use together when <see cref="MaxDecoders"/> is not set: the pool holds at most
    /// this budget divided by what one decoder costs, measured when the first decoder loads (the growth of the
    /// process's resident memory, counted as at least <see cref="MinBytesPerDecoder"/>). <see langword="null"/>: a
    /// quarter of the memory available to the process (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which
    /// respects a container's limit). Default: <see langword="null"/>.
    /// </summary>
    public long? DecoderMemoryBudget { get; set; }

    /// <summary>
    /// The least a decoder is taken to cost when the pool's size is derived from <see cref="DecoderMemoryBudget"/>
    /// (64 MiB). A decoder of the en-us model grows the resident memory by about 95 MB when it is the process's first;
    /// a much smaller measurement means the allocator reused memory that earlier decoders had freed, or something else
    /// freed memory meanwhile, and would let the pool grow far past the budget.
    /// </summary>
    public const long MinBytesPerDecoder = 64L * 1024 * 1024;

    /// <summary>
    /// The most decoders per processor a pool derived from <see cref="DecoderMemoryBudget"/> holds (16): well above the
    /// 4 to 5 live sessions a core carries, each of which holds at most one decoder at a time.
    /// </summary>
    public const int MaxDerivedDecodersPerCore = 16;

    /// <summary>The default <see cref="CepstralMeanInit"/>: the mean cepstrum of typical speech (see there).</summary>
    public const string TypicalSpeechCepstralMean = "55.59,-4.98,-0.65,4.31,-2.63,0.64,-5.07,-1.70,-6.93,1.22,-3.38,-0.30,1.07";

    /// <summary>
    /// The cepstral mean a session's first utterance starts from, as comma-separated numbers (c0 first, like
    /// PocketSphinx's <c>-cmninit</c>; coefficients not given are 0), or <see langword="null"/> for the acoustic model's
    /// own (<c>-cmninit</c> in its <c>feat.params</c>). Default: <see cref="TypicalSpeechCepstralMean"/>, the mean
    /// cepstrum of the tuning recordings (<c>docs/ACCURACY.md</c>). Utterances recorded at 8 kHz or less start from
    /// <see cref="NarrowbandCepstralMeanInit"/> instead.
    /// </summary>
    /// <remarks>
    /// PocketSphinx subtracts this mean from every frame until it has heard 8 seconds (it re-estimates the mean after
    /// 800 frames and at the end of an utterance), and c0 is the log energy, which depends on the recording level, so
    /// for a short first utterance it matters. <see cref="InitialEstimateMs"/> replaces it early with the session's own
    /// measured mean, and <see cref="AdaptToSession"/> carries that estimate on. PocketSphinx 5prealpha ignores a
    /// <c>-cmninit</c> argument when the model's <c>feat.params</c> sets one, so this value is written into the decoder
    /// directly. The model's <c>-cmn batch</c> (normalise with the whole utterance's mean) does not apply to streamed
    /// audio: it would need the whole utterance before decoding, i.e. no partial results.
    /// </remarks>
    public string? CepstralMeanInit { get; set; } = TypicalSpeechCepstralMean;

    /// <summary>
    /// The default <see cref="NarrowbandCepstralMeanInit"/>: the mean cepstrum of typical speech recorded at 8 kHz and
    /// upsampled to 16 kHz (see there).
    /// </summary>
    public const string NarrowbandSpeechCepstralMean = "45.93,27.33,-41.74,39.93,-21.65,-1.56,14.45,-29.22,17.54,-12.22,-3.62,10.52,-13.93";

    /// <summary>
    /// The cepstral mean a session's first narrowband utterance starts from (one whose
    /// <see cref="RecognitionOptions.SourceSampleRate"/> is 8000 or less, such as telephony), in the format of
    /// <see cref="CepstralMeanInit"/>, which it replaces for those utterances; <see langword="null"/> to start them from
    /// <see cref="CepstralMeanInit"/> too. Default: <see cref="NarrowbandSpeechCepstralMean"/>, the mean cepstrum of the
    /// tuning recordings taken through 8 kHz and back (<c>docs/ACCURACY.md</c>).
    /// </summary>
    /// <remarks>
    /// 8 kHz audio upsampled to 16 kHz has nothing above 4 kHz, so the top mel filters see almost no energy, which moves
    /// every cepstral coefficient, not only the level: normalised with the wideband mean, short telephony utterances
    /// came out as one or two filler words.
    /// </remarks>
    public string? NarrowbandCepstralMeanInit { get; set; } = NarrowbandSpeechCepstralMean;

    /// <summary>
    /// More PocketSphinx arguments as name/value pairs, e.g. <c>["-beam"] = "1e-60"</c>. Names start with <c>-</c>;
    /// <c>-hmm</c>, <c>-dict</c> and <c>-lm</c> come from the properties above, and <c>-cmninit</c> is rejected (see <see cref="CepstralMeanInit"/>). Default: empty (the model's
    /// <c>feat.params</c> and PocketSphinx's defaults). Arguments the acoustic model's <c>feat.params</c> sets (for the
    /// en-us model <c>-cmn</c>, <c>-agc</c>, <c>-varnorm</c>, <c>-feat</c>, <c>-lowerf</c> …) are rejected too:
    /// PocketSphinx 5prealpha lets that file override them, so they would be ignored; edit a copy of the model's
    /// <c>feat.params</c> instead. A model with <c>-cmn none</c> works, with nothing for sessions to adapt.
    /// </summary>
    /// <remarks>
    /// PocketSphinx rejects unknown names (when the first decoder loads) but hardly checks values: extreme ones
    /// can bring the process down (<c>-beam 1e-1</c> raised SIGFPE in our tests). Change them with care.
    /// </remarks>
    public IDictionary<string, string> AdditionalArguments { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a session's utterances start from the cepstral mean its earlier utterances left (its recording level
    /// and microphone), as the stock <c>pocketsphinx_continuous</c> carries it through a file; sessions never share
    /// it. <see langword="false"/>: every utterance starts afresh, as a session's first does. Default: <see langword="true"/>.
    /// </summary>
    public bool AdaptToSession { get; set; } = true;

    /// <summary>
    /// Milliseconds of speech at the start of a session's first utterance from which the session's own cepstral mean
    /// is measured (only frames within 20 dB of the loudest count, so pauses and the pre-roll do not); the utterance
    /// is then decoded again from that mean instead of <see cref="CepstralMeanInit"/>, and its first partial comes
    /// after it. 0 to start from <see cref="CepstralMeanInit"/>. At most about 7 s is measured. Default: 500.
    /// Measurements: <c>docs/ACCURACY.md</c>.
    /// </summary>
    public int InitialEstimateMs { get; set; } = 500;

    /// <summary>
    /// Words whose posterior probability in PocketSphinx's lattice is below this (0-1) are left out of the final
    /// transcript; 0 keeps every word. Higher values trade insertions for deletions. Default: 0.01, below every
    /// correctly recognised word of the tuning set (<c>docs/ACCURACY.md</c>).
    /// </summary>
    public double MinWordConfidence { get; set; } = 0.01;

    /// <summary>
    /// Utterances whose words' mean posterior probability is below this (0-1) are dropped whole and end in
    /// <c>transcription.failed</c>, like an utterance with no words: what PocketSphinx makes of a cough, a door or
    /// music. 0 keeps every utterance. Default: 0.1, between the noise and the least confident speech of the tuning
    /// set (<c>docs/ACCURACY.md</c>).
    /// </summary>
    public double MinUtteranceConfidence { get; set; } = 0.1;
}
