using System.Runtime.InteropServices;
using RealtimeAsr.Recognition.PocketSphinx.Native;

namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// One loaded PocketSphinx decoder (models and search state, about 90 MB). Pooled and reused for many
/// utterances; used by one thread at a time.
/// </summary>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    private readonly SphinxConfigHandle _config;
    private readonly SphinxDecoderHandle _decoder;

    private PocketSphinxDecoder(SphinxConfigHandle config, SphinxDecoderHandle decoder)
    {
        _config = config;
        _decoder = decoder;
    }

    /// <summary>Whether an utterance is open (between <see cref="StartUtterance"/> and <see cref="EndUtterance"/>).</summary>
    public bool InUtterance { get; private set; }

    /// <summary>Parses <paramref name="arguments"/> and loads the models (<c>ps_init</c>).</summary>
    public static PocketSphinxDecoder Create(IReadOnlyList<string> arguments)
    {
        // The log destination is process-wide in sphinxbase. It is turned off before every parse (parsing already
        // logs); that is idempotent and cheap. Not -logfn per decoder: that reopens and closes the one shared log
        // file, possibly while another decoder is writing to it.
        PocketSphinxNative.SetLogFile(nint.Zero);
        var config = SphinxConfigHandle.Parse(arguments);
        try
        {
            return new PocketSphinxDecoder(config, SphinxDecoderHandle.Create(config));
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }

    public void StartUtterance()
    {
        Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
        InUtterance = true;
    }

    /// <summary>Decodes more audio as it arrives: search on, not the whole utterance at once.</summary>
    public void Process(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        fixed (short* data = samples)
        {
            Check(PocketSphinxNative.ProcessRaw(_decoder, data, (nuint)samples.Length, noSearch: 0, fullUtterance: 0), "ps_process_raw");
        }
    }

    /// <summary>The best hypothesis so far (or the final one after <see cref="EndUtterance"/>); empty when none.</summary>
    public string GetHypothesis()
    {
        var text = PocketSphinxNative.GetHypothesis(_decoder, out _);
        return text == null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
    }

    /// <summary>Ends the utterance: PocketSphinx runs its final passes over it (<c>ps_end_utt</c>).</summary>
    public void EndUtterance()
    {
        // Marked closed first: if ending fails the decoder is discarded, not ended again.
        InUtterance = false;
        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
    }

    public void Dispose()
    {
        // The decoder holds a reference on the config: the config and its strings go after ps_free.
        _decoder.Dispose();
        _config.Dispose();
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"PocketSphinx {function} failed ({result}).");
        }
    }
}
