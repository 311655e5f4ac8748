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

    /// <summary>
    /// More PocketSphinx arguments as name/value pairs, e.g. <c>["-beam"] = "1e-60"</c>. Names start with <c>-</c>;
    /// <c>-hmm</c>, <c>-dict</c> and <c>-lm</c> come from the properties above. Default: empty (the model's
    /// <c>feat.params</c> and PocketSphinx's defaults).
    /// </summary>
    /// <remarks>
    /// PocketSphinx rejects unknown names (when the first decoder loads) but hardly checks values: extreme ones
    /// can bring the process down (<c>-beam 1e-1</c> raised SIGFPE in our tests). Change them with care.
    /// </remarks>
    public IDictionary<string, string> AdditionalArguments { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
