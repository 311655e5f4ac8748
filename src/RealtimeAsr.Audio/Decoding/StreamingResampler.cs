using System.Buffers;
using Concentus;

namespace RealtimeAsr.Audio;

/// <summary>
/// A mono windowed-sinc (Speex) resampler that keeps its filter state between calls, so that splitting the input never
/// changes the output, and whose output starts aligned with its input (no leading filter delay).
/// </summary>
internal sealed class StreamingResampler : IDisposable
{
    private readonly IResampler _resampler;
    private readonly int _inputRate;
    private readonly int _outputRate;

    public StreamingResampler(int inputRate, int outputRate, int quality)
    {
        _inputRate = inputRate;
        _outputRate = outputRate;
        _resampler = ResamplerFactory.CreateResampler(1, inputRate, outputRate, quality, null);
        _resampler.SkipZeroes();
    }

    /// <summary>Input samples held back by the filter: the output lags the input by this many.</summary>
    public int InputLatency => _resampler.InputLatency;

    /// <summary>Resamples all of <paramref name="input"/> (the filter reads it in place) and appends the result; returns how many samples it appended.</summary>
    public int Process(Span<short> input, IBufferWriter<short> output)
    {
        var total = 0;
        while (!input.IsEmpty)
        {
            var consumed = input.Length;
            // The output needs ratio × input samples, plus slack for the filter's phase.
            var destination = output.GetSpan((int)((long)input.Length * _outputRate / _inputRate) + 16);
            var written = destination.Length;
            _resampler.Process(0, input, ref consumed, destination, ref written);
            output.Advance(written);
            total += written;
            input = input[consumed..];
            if (consumed == 0 && written == 0)
            {
                throw new InvalidOperationException("The resampler made no progress.");
            }
        }

        return total;
    }

    /// <summary>Clears the filter memory, as if newly created.</summary>
    public void Reset()
    {
        _resampler.ResetMem();
        _resampler.SkipZeroes();
    }

    public void Dispose() => _resampler.Dispose();
}
