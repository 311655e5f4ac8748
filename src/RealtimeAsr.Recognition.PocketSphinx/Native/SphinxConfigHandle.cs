using System.Runtime.InteropServices;
using System.Text;

namespace RealtimeAsr.Recognition.PocketSphinx.Native;

/// <summary>
/// A parsed PocketSphinx configuration (<c>cmd_ln_t</c>) together with the unmanaged argument strings it points
/// into. <c>cmd_ln_parse_r</c> keeps the argument names as hash keys without copying them, so the strings are
/// freed only once the configuration itself is gone.
/// </summary>
internal sealed unsafe class SphinxConfigHandle : SafeHandle
{
    // One block: the argv pointer array followed by the NUL-terminated UTF-8 strings it points to.
    private void* _argumentBlock;

    // The marshaller needs a parameterless constructor for SafeHandle parameters.
    public SphinxConfigHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>The arguments as one line, for error messages.</summary>
    public string CommandLine { get; private set; } = "";

    /// <summary>Parses <paramref name="arguments"/> (<c>-name value</c> pairs) against the decoder's definitions.</summary>
    /// <exception cref="InvalidOperationException">PocketSphinx rejected the arguments.</exception>
    public static SphinxConfigHandle Parse(IReadOnlyList<string> arguments)
    {
        var config = new SphinxConfigHandle { CommandLine = string.Join(' ', arguments) };
        config._argumentBlock = AllocateArgumentVector(arguments);
        var parsed = PocketSphinxNative.ParseArguments(
            nint.Zero, PocketSphinxNative.GetArgumentDefinitions(), arguments.Count, (byte**)config._argumentBlock, strict: 1);
        if (parsed == nint.Zero)
        {
            // Nothing refers to the strings: disposing the still-invalid handle frees them.
            config.Dispose();
            throw new InvalidOperationException(
                $"PocketSphinx rejected its arguments ({config.CommandLine}); check PocketSphinxOptions.AdditionalArguments.");
        }

        config.SetHandle(parsed);
        return config;
    }

    protected override bool ReleaseHandle()
    {
        // A decoder retains its config, but SphinxDecoderHandle keeps this handle alive until the decoder is
        // freed, so this drops the last reference. If one were still left, leaking the strings beats freeing
        // memory the config still reads.
        if (PocketSphinxNative.ReleaseConfig(handle) == 0)
        {
            FreeArguments();
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsInvalid)
        {
            // Never parsed: ReleaseHandle does not run, the strings are ours alone.
            FreeArguments();
        }
    }

    private void FreeArguments()
    {
        NativeMemory.Free(_argumentBlock);
        _argumentBlock = null;
    }

    private static void* AllocateArgumentVector(IReadOnlyList<string> arguments)
    {
        var byteCounts = new int[arguments.Count];
        var pointerBytes = (nuint)(arguments.Count * sizeof(byte*));
        var stringBytes = (nuint)0;
        for (var i = 0; i < arguments.Count; i++)
        {
            byteCounts[i] = Encoding.UTF8.GetByteCount(arguments[i]);
            stringBytes += (nuint)byteCounts[i] + 1;
        }

        var block = NativeMemory.Alloc(pointerBytes + stringBytes);
        var argv = (byte**)block;
        var next = (byte*)block + pointerBytes;
        for (var i = 0; i < arguments.Count; i++)
        {
            argv[i] = next;
            Encoding.UTF8.GetBytes(arguments[i], new Span<byte>(next, byteCounts[i]));
            next[byteCounts[i]] = 0;
            next += byteCounts[i] + 1;
        }

        return block;
    }
}
