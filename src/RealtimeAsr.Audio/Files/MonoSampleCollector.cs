using System.Buffers;
using System.Globalization;

namespace RealtimeAsr.Audio;

/// <summary>
/// Where the file decoders put what they decode: interleaved frames of any rate and channel count in, mono 16-bit
/// samples out at <see cref="DecodedAudio.OutputRateFor"/> (channels averaged, then resampled by the same Speex filter
/// as live 8 kHz input), never more than a given duration.
/// </summary>
internal sealed class MonoSampleCollector : IDisposable
{
    private const int BlockFrames = 4096;

    private readonly int _channels;
    private readonly long _maxSamples;
    private readonly TimeSpan _maxDuration;
    private readonly StreamingResampler? _resampler;
    private readonly short[] _mono = new short[BlockFrames];
    private readonly ArrayBufferWriter<short> _output = new();
    private int _pending;

    public MonoSampleCollector(int sampleRate, int channels, TimeSpan maxDuration)
    {
        _channels = channels;
        OutputRate = DecodedAudio.OutputRateFor(sampleRate);
        _maxDuration = maxDuration;
        _maxSamples = (long)Math.Min(maxDuration.TotalSeconds * OutputRate, int.MaxValue / 2);
        if (sampleRate != OutputRate)
        {
            _resampler = new StreamingResampler(sampleRate, OutputRate, Pcm16InputDecoder.ResamplerQuality);
        }
    }

    /// <summary>The rate of the samples <see cref="Finish"/> returns.</summary>
    public int OutputRate { get; }

    /// <summary>Adds interleaved frames given as floats in [-1, 1].</summary>
    public void AddFrames(ReadOnlySpan<float> interleaved)
    {
        for (var frame = 0; frame + _channels <= interleaved.Length; frame += _channels)
        {
            var sum = 0f;
            for (var channel = 0; channel < _channels; channel++)
            {
                sum += interleaved[frame + channel];
            }

            AddMono(sum / _channels);
        }
    }

    /// <summary>Adds one mono sample in [-1, 1] (clipped beyond).</summary>
    public void AddMono(float sample)
    {
        _mono[_pending++] = (short)Math.Clamp(MathF.Round(sample * 32768f), short.MinValue, short.MaxValue);
        if (_pending == _mono.Length)
        {
            Flush();
        }
    }

    /// <summary>Everything added, the resampler's tail included.</summary>
    public short[] Finish()
    {
        Flush();
        if (_resampler is { InputLatency: > 0 and var latency })
        {
            // Zeros push the last real samples out of the filter (the output starts aligned with the input, so its
            // length then matches the input's duration).
            _resampler.Process(new short[latency], _output);
            Check();
        }

        return _output.WrittenSpan.ToArray();
    }

    public void Dispose() => _resampler?.Dispose();

    /// <summary>The error for audio longer than <paramref name="maxDuration"/>.</summary>
    public static AudioTooLongException TooLong(TimeSpan maxDuration) => new(string.Create(CultureInfo.InvariantCulture,
        $"The audio is longer than {maxDuration:c}, the most this server transcribes in one file."));

    private void Flush()
    {
        if (_pending == 0)
        {
            return;
        }

        if (_resampler is null)
        {
            _output.Write(_mono.AsSpan(0, _pending));
        }
        else
        {
            _resampler.Process(_mono.AsSpan(0, _pending), _output);
        }

        _pending = 0;
        Check();
    }

    private void Check()
    {
        if (_output.WrittenCount > _maxSamples)
        {
            throw TooLong(_maxDuration);
        }
    }
}
