using System.Runtime.InteropServices;

namespace RealtimeAsr.Recognition.PocketSphinx.Native;

/// <summary>
/// The parts of Debian's PocketSphinx 5prealpha C API we use. The decoder functions live in
/// <c>libpocketsphinx.so.3</c>; configuration and logging come from <c>libsphinxbase.so.3</c> (checked with <c>nm -D</c>).
/// </summary>
internal static unsafe partial class PocketSphinxNative
{
    public const string PocketSphinxLibrary = "libpocketsphinx.so.3";
    public const string SphinxBaseLibrary = "libsphinxbase.so.3";

    /// <summary><c>arg_t const *ps_args(void)</c>: the static table of decoder argument definitions.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_args")]
    public static partial nint GetArgumentDefinitions();

    /// <summary>
    /// <c>cmd_ln_t *cmd_ln_parse_r(cmd_ln_t *inout, arg_t const *defn, int32 argc, char *argv[], int32 strict)</c>.
    /// The result keeps pointers into <paramref name="argv"/>: those strings must outlive it.
    /// </summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_parse_r")]
    public static partial nint ParseArguments(nint existingConfig, nint definitions, int argc, byte** argv, int strict);

    /// <summary><c>int cmd_ln_free_r(cmd_ln_t *)</c>: drops one reference; returns the references left (0: freed).</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_free_r")]
    public static partial int ReleaseConfig(nint config);

    /// <summary><c>void err_set_logfp(FILE *)</c>: <see langword="null"/> turns the library's (process-wide) log off.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "err_set_logfp")]
    public static partial void SetLogFile(nint file);

    /// <summary><c>ps_decoder_t *ps_init(cmd_ln_t *)</c>: loads the models; the decoder retains the config.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_init")]
    public static partial nint CreateDecoder(SphinxConfigHandle config);

    /// <summary><c>int ps_free(ps_decoder_t *)</c>: drops one reference; returns the references left.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_free")]
    public static partial int ReleaseDecoder(nint decoder);

    /// <summary>
    /// <c>int ps_start_stream(ps_decoder_t *)</c>: tells the front end a new audio stream begins (resets its noise
    /// estimate and sample carry-over). Does not touch the cepstral mean: in this version <c>acmod_start_stream</c>
    /// only calls <c>fe_start_stream</c> (checked with <c>objdump -d</c>). 0 on success.
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_stream")]
    public static partial int StartStream(SphinxDecoderHandle decoder);

    /// <summary><c>feat_t *ps_get_feat(ps_decoder_t *)</c>: the decoder's feature computer, owned by the decoder.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_feat")]
    public static partial SphinxFeature* GetFeature(SphinxDecoderHandle decoder);

    /// <summary>
    /// <c>cmd_ln_t *ps_get_config(ps_decoder_t *)</c>: the configuration the decoder runs with, owned by the decoder:
    /// the arguments given, with the acoustic model's <c>feat.params</c> merged over them by <c>ps_init</c>.
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_config")]
    public static partial nint GetConfig(SphinxDecoderHandle decoder);

    /// <summary>
    /// <c>char const *cmd_ln_str_r(cmd_ln_t *, char const *name)</c>: a string argument's value, owned by the
    /// configuration; <see langword="null"/> when it is unset.
    /// </summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_str_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte* GetStringArgument(nint config, string name);

    /// <summary><c>long cmd_ln_int_r(cmd_ln_t *, char const *name)</c>: an integer or boolean argument's value.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_int_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetIntegerArgument(nint config, string name);

    /// <summary>
    /// <c>cmn_type_t cmn_type_from_str(char const *)</c>: the <c>feat_t.cmn</c> value for a <c>-cmn</c> name. Exits the
    /// process on an unknown name, so only pass what a loaded decoder's configuration holds (<c>ps_init</c> has
    /// already parsed it the same way).
    /// </summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmn_type_from_str")]
    public static partial int CepstralMeanTypeFromName(byte* name);

    /// <summary><c>agc_type_t agc_type_from_str(char const *)</c>: as <see cref="CepstralMeanTypeFromName"/>, for <c>-agc</c>.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "agc_type_from_str")]
    public static partial int GainControlTypeFromName(byte* name);

    /// <summary><c>int ps_start_utt(ps_decoder_t *)</c>: 0 on success.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(SphinxDecoderHandle decoder);

    /// <summary>
    /// <c>int ps_process_raw(ps_decoder_t *, int16 const *data, size_t n_samples, int no_search, int full_utt)</c>:
    /// frames processed, negative on error.
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_process_raw")]
    public static partial int ProcessRaw(SphinxDecoderHandle decoder, short* samples, nuint sampleCount, int noSearch, int fullUtterance);

    /// <summary>
    /// <c>char const *ps_get_hyp(ps_decoder_t *, int32 *out_best_score)</c>: owned by the decoder, valid until its
    /// next call, so it is returned as a pointer (a string return would let the marshaller free it).
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_hyp")]
    public static partial byte* GetHypothesis(SphinxDecoderHandle decoder, out int bestScore);

    /// <summary><c>int ps_end_utt(ps_decoder_t *)</c>: runs the final passes; 0 on success.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(SphinxDecoderHandle decoder);

    /// <summary><c>logmath_t *ps_get_logmath(ps_decoder_t *)</c>: the decoder's log tables, owned by the decoder.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_logmath")]
    public static partial nint GetLogMath(SphinxDecoderHandle decoder);

    /// <summary><c>float64 logmath_exp(logmath_t *, int logb_p)</c>: a probability from its log in the decoder's base.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "logmath_exp")]
    public static partial double LogMathExp(nint logMath, int logProbability);

    /// <summary>
    /// <c>ps_seg_t *ps_seg_iter(ps_decoder_t *)</c>: the word segments of the best hypothesis (after <c>ps_end_utt</c>:
    /// of the lattice's best path, with posteriors); <see langword="null"/> when there are none. Free with
    /// <c>ps_seg_free</c> unless <see cref="NextSegment"/> returned <see langword="null"/> (we always iterate to the end).
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_iter")]
    public static partial nint FirstSegment(SphinxDecoderHandle decoder);

    /// <summary><c>ps_seg_t *ps_seg_next(ps_seg_t *)</c>: the next segment, or <see langword="null"/> (the iterator is then freed).</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_next")]
    public static partial nint NextSegment(nint segment);

    /// <summary><c>char const *ps_seg_word(ps_seg_t *)</c>: the segment's word, owned by the decoder.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_word")]
    public static partial byte* SegmentWord(nint segment);

    /// <summary>
    /// <c>int32 ps_seg_prob(ps_seg_t *, int32 *out_ascr, int32 *out_lscr, int32 *out_lback)</c>: the segment's log
    /// posterior probability.
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_prob")]
    public static partial int SegmentPosterior(nint segment, out int acousticScore, out int languageScore, out int languageBackoff);
}
