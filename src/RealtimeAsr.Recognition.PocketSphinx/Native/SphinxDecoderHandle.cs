using System.Runtime.InteropServices;

namespace RealtimeAsr.Recognition.PocketSphinx.Native;

/// <summary>
/// A PocketSphinx decoder (<c>ps_decoder_t</c>). It holds a reference on its <see cref="SphinxConfigHandle"/>, so
/// the configuration and the argument strings it points into are released only after <c>ps_free</c>, whatever
/// order the handles are disposed or finalised in.
/// </summary>
internal sealed class SphinxDecoderHandle : SafeHandle
{
    private SphinxConfigHandle? _config;

    // The marshaller needs a parameterless constructor for SafeHandle parameters.
    public SphinxDecoderHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Loads the models named in <paramref name="config"/> (<c>ps_init</c>): slow, about 90 MB.</summary>
    /// <exception cref="InvalidOperationException"><c>ps_init</c> failed.</exception>
    public static SphinxDecoderHandle Create(SphinxConfigHandle config)
    {
        var added = false;
        config.DangerousAddRef(ref added);
        try
        {
            var native = PocketSphinxNative.CreateDecoder(config);
            if (native == nint.Zero)
            {
                throw new InvalidOperationException(
                    $"PocketSphinx could not load its models (ps_init failed for {config.CommandLine}). The files exist, so one is "
                    + "probably corrupt or of another format; reinstall them with scripts/setup.sh (apt packages pocketsphinx-en-us libpocketsphinx3).");
            }

            var decoder = new SphinxDecoderHandle { _config = config };
            decoder.SetHandle(native);
            added = false;
            return decoder;
        }
        finally
        {
            if (added)
            {
                config.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        // Nothing else retains the decoder, so this frees it; the count left carries no news.
        _ = PocketSphinxNative.ReleaseDecoder(handle);
        _config?.DangerousRelease();
        return true;
    }
}
