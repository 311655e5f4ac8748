using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RealtimeAsr.Audio;

/// <summary>
/// Converts a stream of 16-bit signed little-endian mono PCM from one sample rate to another with the same streaming
/// windowed-sinc resampler as <see cref="Pcm16InputDecoder"/>: chunks may be split anywhere (mid-sample too), and the
/// output depends only on the concatenated input. Not thread-safe: one instance per stream.
/// </summary>
public sealed class PcmRateConverter : IDisposable
{
    private const int BlockSamples = 4096;

    private readonly StreamingResampler _resampler;
    private readonly short[] _block = new short[BlockSamples];
    private readonly ArrayBufferWriter<short> _output = new(BlockSamples);
    private bool _hasOddByte;
    private byte _oddByte;

    /// <summary>Creates a converter from <paramref name="inputRate"/> to <paramref name="outputRate"/> hertz.</summary>
    public PcmRateConverter(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        _resampler = new StreamingResampler(inputRate, outputRate, Pcm16InputDecoder.ResamplerQuality);
    }

    /// <summary>The rate of the incoming samples, in hertz.</summary>
    public int InputRate { get; }

    /// <summary>The rate of the samples produced, in hertz.</summary>
    public int OutputRate { get; }

    /// <summary>The most output bytes one call with <paramref name="inputBytes"/> bytes can produce.</summary>
    public int MaxOutputBytes(int inputBytes) => (int)(((inputBytes / 2L + 2) * OutputRate / InputRate + 32) * 2);

    /// <summary>
    /// Converts <paramref name="input"/> into <paramref name="destination"/> (at least <see cref="MaxOutputBytes"/> long)
    /// and returns how many bytes it wrote; an odd trailing byte waits for the next call.
    /// </summary>
    public int Convert(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        _output.ResetWrittenCount();
        if (_hasOddByte && !input.IsEmpty)
        {
            // The previous chunk ended mid-sample: its last byte is this sample's low byte.
            _block[0] = BinaryPrimitives.ReadInt16LittleEndian([_oddByte, input[0]]);
            _hasOddByte = false;
            input = input[1..];
            _resampler.Process(_block.AsSpan(0, 1), _output);
        }

        var wholeBytes = input.Length & ~1;
        if (wholeBytes != input.Length)
        {
            _oddByte = input[^1];
            _hasOddByte = true;
        }

        var bytes = input[..wholeBytes];
        while (!bytes.IsEmpty)
        {
            var blockBytes = Math.Min(bytes.Length, BlockSamples * 2);
            var block = _block.AsSpan(0, blockBytes / 2);
            MemoryMarshal.Cast<byte, short>(bytes[..blockBytes]).CopyTo(block);
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(block, block);
            }

            bytes = bytes[blockBytes..];
            _resampler.Process(block, _output);
        }

        var samples = _output.WrittenSpan;
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(i * 2, 2), samples[i]);
        }

        return samples.Length * 2;
    }

    /// <inheritdoc />
    public void Dispose() => _resampler.Dispose();
}
