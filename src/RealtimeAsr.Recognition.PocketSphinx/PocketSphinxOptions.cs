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
    /// in <see cref="PocketSphinxRecognizer.StartAsync"/> until one ends. Default: twice the processor count
    /// (4 on a 2-core server).
    /// </summary>
    /// <remarks>
    /// A decoder costs about 90 MB, so memory is not the limit on a server with gigabytes (4 decoders on a
    /// 24 GiB box use under 2% of it); CPU is. Decoding live audio takes about a fifth of a core per stream
    /// (real-time factor 0.2, measured on a 2-core AMD EPYC VM), so two utterances per core use about 40% of the
    /// CPU and leave the rest for audio decoding, voice activity detection and the sockets. More would still run
    /// in real time for a while, but an overloaded box delays every stream; waiting for a decoder delays only the
    /// newcomer. Decoders are loaded on first need, so an idle server holds few of them.
    /// </remarks>
    public int MaxDecoders { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>The default <see cref="CepstralMeanInit"/>: the mean cepstrum of typical speech (see there).</summary>
    public const string TypicalSpeechCepstralMean = "55.59,-4.98,-0.65,4.31,-2.63,0.64,-5.07,-1.70,-6.93,1.22,-3.38,-0.30,1.07";

    /// <summary>
    /// The cepstral mean every utterance starts with, as comma-separated numbers (c0 first, like PocketSphinx's
    /// <c>-cmninit</c>; coefficients not given are 0), or <see langword="null"/> for the acoustic model's own
    /// (<c>-cmninit</c> in its <c>feat.params</c>). Default: <see cref="TypicalSpeechCepstralMean"/>. Utterances
    /// recorded at 8 kHz or less start from <see cref="NarrowbandCepstralMeanInit"/> instead.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Every utterance starts on a decoder reset to its freshly loaded state, so one user's audio never changes
    /// the next user's transcript. PocketSphinx subtracts this mean from every frame until it has heard 8 seconds
    /// of the utterance (it re-estimates the mean only after 800 frames and at the end of the utterance), so for
    /// most utterances it is the only normalisation there is, and it matters: c0 is the log energy, which depends
    /// on the recording level. PocketSphinx 5prealpha ignores a <c>-cmninit</c> argument when the model's
    /// <c>feat.params</c> sets one, so this value is written into the decoder directly.
    /// </para>
    /// <para>
    /// Measured word error rates (Debian 12 libpocketsphinx3 0.8+5prealpha+1-15, en-us model, 100 ms chunks, each
    /// clip on a freshly reset decoder; LibriVox clips 0870/0880/0890/0920/0930, overall of 71 words; and the five
    /// <c>cards</c> recordings of <c>pocketsphinx-testdata</c>, 21 words):
    /// </para>
    /// <list type="table">
    /// <item><term>model's <c>feat.params</c> (41.00,-5.29,-0.12,...; it is the mean of <c>goforward.raw</c>)</term>
    /// <description>0.364 0.250 0.429 0.211 0.750, overall 0.366 (26/71); cards 0.476</description></item>
    /// <item><term><c>40,3,-1</c> (PocketSphinx 5's default)</term>
    /// <description>0.318 0.250 0.429 0.105 0.750, overall 0.324 (23/71); cards 0.429</description></item>
    /// <item><term>the default here: mean of <c>pocketsphinx-testdata</c>'s other speech</term>
    /// <description>0.318 0.375 0.357 0.211 0.375, overall 0.310 (22/71); cards 0.238 (not held out)</description></item>
    /// <item><term>its c0 alone (<c>55.59</c>)</term>
    /// <description>0.273 0.250 0.429 0.316 0.375, overall 0.324 (23/71); cards 0.238</description></item>
    /// <item><term>mean of the LibriVox clips themselves (tuned on the test set)</term>
    /// <description>0.364 0.375 0.357 0.211 0.125, overall 0.296 (21/71); cards 0.238</description></item>
    /// </list>
    /// <para>
    /// The default is the duration-weighted mean cepstrum of the recordings in <c>pocketsphinx-testdata</c> other
    /// than the LibriVox clips (<c>goforward.raw</c>, <c>numbers.raw</c>, <c>something.raw</c>, <c>cards/001-005.wav</c>;
    /// several speakers and microphones), as PocketSphinx itself computed it. It was not fitted to the LibriVox
    /// clips, scores within one word of the value that was, and cuts the clips' errors by 15% against the
    /// model's own value, mostly by a c0 nearer to real recording levels (51-65 in those files, against 41).
    /// The sample is small (one word is 0.014 overall): treat differences of a word or two as noise. Set this
    /// to the mean of your own audio if its level differs much.
    /// </para>
    /// <para>
    /// The model's <c>-cmn batch</c> (normalise with the whole utterance's mean) does not apply to streamed audio:
    /// PocketSphinx switches to live CMN on the first block, and batch CMN would need the whole utterance before
    /// decoding, i.e. no partial results.
    /// </para>
    /// </remarks>
    public string? CepstralMeanInit { get; set; } = TypicalSpeechCepstralMean;

    /// <summary>
    /// The default <see cref="NarrowbandCepstralMeanInit"/>: the mean cepstrum of typical speech recorded at 8 kHz and
    /// upsampled to 16 kHz (see there).
    /// </summary>
    public const string NarrowbandSpeechCepstralMean = "45.93,27.33,-41.74,39.93,-21.65,-1.56,14.45,-29.22,17.54,-12.22,-3.62,10.52,-13.93";

    /// <summary>
    /// The cepstral mean every narrowband utterance starts with (one whose <see cref="RecognitionOptions.SourceSampleRate"/>
    /// is 8000 or less, such as telephony), in the format of <see cref="CepstralMeanInit"/>, which it replaces for those
    /// utterances; <see langword="null"/> to start them from <see cref="CepstralMeanInit"/> too.
    /// Default: <see cref="NarrowbandSpeechCepstralMean"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The engine always gets 16 kHz audio, but 8 kHz audio upsampled to it has nothing above 4 kHz. The top mel
    /// filters then see almost no energy, which moves every cepstral coefficient, not only the level: the mean of
    /// the same recordings through 8 kHz differs from <see cref="TypicalSpeechCepstralMean"/> by about 10 in c0 and
    /// by 20 to 40 in c1-c4. Normalised with the wideband mean, such audio is far from anything the model was trained
    /// on, and since PocketSphinx keeps the initial mean for the first 8 seconds of an utterance, short telephony
    /// utterances come out as one or two filler words.
    /// </para>
    /// <para>
    /// The default was derived exactly as <see cref="TypicalSpeechCepstralMean"/> was, from the same recordings
    /// (<c>goforward.raw</c>, <c>numbers.raw</c>, <c>something.raw</c>, <c>cards/001-005.wav</c> of
    /// <c>pocketsphinx-testdata</c>), each first downsampled to 8 kHz with sox (<c>-R</c>: its dither seeded, so
    /// repeatable) and upsampled back to 16 kHz with the server's own 8 kHz PCM decoder
    /// (<c>Pcm16InputDecoder(8000)</c>, Speex resampler quality 5): each recording
    /// decoded as one utterance on a fresh decoder, its mean cepstrum as PocketSphinx computed it at the end of the
    /// utterance, averaged weighted by duration. (The same procedure on the 16 kHz recordings gives
    /// <see cref="TypicalSpeechCepstralMean"/> to the last digit.) It was not fitted to the LibriVox clips.
    /// </para>
    /// <para>
    /// Measured word error rates (as for <see cref="CepstralMeanInit"/>: 100 ms chunks, each LibriVox clip
    /// 0870/0880/0890/0920/0930 its own utterance on a freshly reset decoder, 71 words), the clips downsampled to
    /// 8 kHz with sox (<c>-R</c>) and upsampled with <c>Pcm16InputDecoder(8000)</c>:
    /// </para>
    /// <list type="table">
    /// <item><term><see cref="TypicalSpeechCepstralMean"/> (the wideband default)</term>
    /// <description>1.000 1.000 1.000 1.000 1.000, overall 1.000 (71/71)</description></item>
    /// <item><term>model's <c>feat.params</c></term>
    /// <description>0.955 0.625 0.929 0.632 1.000, overall 0.831 (59/71)</description></item>
    /// <item><term><c>40,3,-1</c> (PocketSphinx 5's default)</term>
    /// <description>0.818 0.625 0.929 0.579 1.125, overall 0.789 (56/71)</description></item>
    /// <item><term>the default here</term>
    /// <description>0.500 0.250 0.357 0.263 0.625, overall 0.394 (28/71); the same clips at 16 kHz: 0.310 (22/71)</description></item>
    /// </list>
    /// <para>
    /// The sample is small (one word is 0.014 overall), and even sox's dither moves it: in two earlier runs with
    /// unseeded dither (and a mean derived from such a run, within 0.05 of this one) it scored 26 and 27 errors. Narrowband audio from a real telephone line also carries
    /// a codec and the line's own frequency response (often nothing below 300 Hz), which this mean does not model;
    /// set this to the mean of your own telephony audio if you have it.
    /// </para>
    /// </remarks>
    public string? NarrowbandCepstralMeanInit { get; set; } = NarrowbandSpeechCepstralMean;

    /// <summary>
    /// More PocketSphinx arguments as name/value pairs, e.g. <c>["-beam"] = "1e-60"</c>. Names start with <c>-</c>;
    /// <c>-hmm</c>, <c>-dict</c> and <c>-lm</c> come from the properties above, and <c>-cmninit</c> is rejected (see <see cref="CepstralMeanInit"/>). Default: empty (the model's
    /// <c>feat.params</c> and PocketSphinx's defaults).
    /// </summary>
    /// <remarks>
    /// PocketSphinx rejects unknown names (when the first decoder loads) but hardly checks values: extreme ones
    /// can bring the process down (<c>-beam 1e-1</c> raised SIGFPE in our tests). Change them with care.
    /// </remarks>
    public IDictionary<string, string> AdditionalArguments { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
