using System.Runtime.InteropServices;

namespace RealtimeAsr.Recognition.PocketSphinx.Native;

/// <summary>
/// The leading fields of sphinxbase's <c>feat_t</c> (<c>sphinxbase/feat.h</c>), as far as <c>cmn_struct</c>. Not part
/// of the public API, so the layout was checked against Debian 12's <c>libsphinxbase.so.3</c> (0.8+5prealpha+1-16):
/// its <c>feat_update_stats</c> reads <c>cmn</c> at offset 0x44, <c>agc</c> at 0x4c and <c>cmn_struct</c> at 0x58,
/// as this declaration does. <see cref="PocketSphinxDecoder"/> checks the scalar fields against the decoder's own
/// configuration (read through the public <c>cmd_ln</c> API) before it follows <see cref="CepstralMean"/>, so a library
/// with another layout is refused with a message instead of crashing the process.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SphinxFeature
{
    public int ReferenceCount;
    public nint Name;
    public int CepstrumSize;
    public int StreamCount;
    public nint StreamLengths;
    public int WindowSize;
    public int SubvectorCount;
    public nint SubvectorLengths;
    public nint Subvectors;
    public nint SubvectorBuffer;
    public int SubvectorDimension;
    /// <summary><c>cmn_type_t</c>: 0 none, 1 batch, 2 live. The library switches batch to live on the first streamed block.</summary>
    public int CepstralMeanNormalization;
    public int VarianceNormalization;
    public int GainControl;
    public nint ComputeFeature;
    /// <summary><c>cmn_struct</c>: <see langword="null"/> when <see cref="CepstralMeanNormalization"/> is 0 (<c>-cmn none</c>).</summary>
    public unsafe SphinxCepstralMean* CepstralMean;
}

/// <summary>
/// sphinxbase's <c>cmn_t</c>: the live cepstral mean normalisation state. <c>cmn_live</c> subtracts
/// <see cref="Mean"/> from every frame and adds the frame to <see cref="Sum"/>; <see cref="Mean"/> becomes
/// <see cref="Sum"/> / <see cref="FrameCount"/> at the end of each utterance and whenever more than 800 frames have
/// accumulated. (Checked against <c>cmn_live_set</c> in the same library: <c>mfcc_t</c> is <c>float</c>.)
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SphinxCepstralMean
{
    public float* Mean;
    public float* Variance;
    public float* Sum;
    public int FrameCount;
    public int VectorLength;
}
