using System.Buffers.Binary;
using Concentus;

namespace RealtimeAsr.Cli.Audio;

/// <summary>
/// Reads PCM in any common encoding, channel count and rate, and yields 16-bit mono little-endian PCM at
/// <c>outputRate</c>: channels are averaged, then Speex-resampled (Concentus). Streams, so stdin works live.
/// </summary>
internal sealed class PcmConversionStream : Stream
{
    private const int FramesPerRead = 4096;
    private const int ResamplerQuality = 5;

    private readonly Stream _source;
    private readonly PcmSampleEncoding _encoding;
    private readonly int _channels;
    private readonly int _frameBytes;
    private readonly IResampler? _resampler;
    private readonly byte[] _input;
    private readonly float[] _mono = new float[FramesPerRead];
    private readonly int _inputRate;
    private readonly int _outputRate;
    private float[] _resampled = [];
    private byte[] _output = [];
    private int _inputFill;
    private int _outputPosition;
    private int _outputLength;
    private bool _sourceEnded;
    private bool _flushed;

    private long _sourceRemaining;

    /// <param name="source">The input samples, interleaved.</param>
    /// <param name="encoding">How each input sample is stored.</param>
    /// <param name="channels">Input channels; they are averaged.</param>
    /// <param name="inputRate">Input rate in hertz.</param>
    /// <param name="outputRate">Output rate in hertz; equal to <paramref name="inputRate"/> means no resampling.</param>
    /// <param name="sourceLength">Bytes of samples to read from <paramref name="source"/> (a WAV's data chunk), or <see langword="null"/> for all.</param>
    public PcmConversionStream(Stream source, PcmSampleEncoding encoding, int channels, int inputRate, int outputRate, long? sourceLength = null)
    {
        _sourceRemaining = sourceLength ?? long.MaxValue;
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1000);
        _source = source;
        _encoding = encoding;
        _channels = channels;
        _frameBytes = encoding.BytesPerSample() * channels;
        _input = new byte[FramesPerRead * _frameBytes];
        if (inputRate != outputRate)
        {
            _resampler = ResamplerFactory.CreateResampler(1, inputRate, outputRate, ResamplerQuality);
            // Without this the output starts with the filter's delay as silence.
            _resampler.SkipZeroes();
        }

        _inputRate = inputRate;
        _outputRate = outputRate;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_outputPosition == _outputLength)
        {
            if (!await ConvertNextBlockAsync(cancellationToken))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _outputLength - _outputPosition);
        _output.AsSpan(_outputPosition, count).CopyTo(buffer.Span);
        _outputPosition += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Converts the next block of whole frames; false once everything, the resampler's tail included, is out.</summary>
    private async ValueTask<bool> ConvertNextBlockAsync(CancellationToken cancellationToken)
    {
        if (!_sourceEnded)
        {
            var space = (int)Math.Min(_input.Length - _inputFill, _sourceRemaining);
            var read = space == 0 ? 0 : await _source.ReadAsync(_input.AsMemory(_inputFill, space), cancellationToken);
            _inputFill += read;
            _sourceRemaining -= read;
            _sourceEnded = read == 0;
        }

        var frames = _inputFill / _frameBytes;
        if (frames == 0)
        {
            // A trailing partial frame is dropped: it holds no complete sample.
            return _sourceEnded && FlushResampler();
        }

        Downmix(_input.AsSpan(0, frames * _frameBytes), _mono.AsSpan(0, frames));
        var leftover = _inputFill - frames * _frameBytes;
        _input.AsSpan(frames * _frameBytes, leftover).CopyTo(_input);
        _inputFill = leftover;
        Emit(_mono.AsSpan(0, frames));
        return true;
    }

    private bool FlushResampler()
    {
        if (_resampler is null || _flushed)
        {
            return false;
        }

        // Pushing the filter's latency worth of silence through brings out the last real samples.
        _flushed = true;
        Emit(new float[_resampler.InputLatency]);
        return _outputLength > 0;
    }

    private void Emit(Span<float> mono)
    {
        ReadOnlySpan<float> samples = mono;
        if (_resampler is not null)
        {
            var produced = 0;
            var input = mono;
            var capacity = (int)((long)mono.Length * _outputRate / _inputRate) + 64;
            if (_resampled.Length < capacity)
            {
                _resampled = new float[capacity];
            }

            var resampled = _resampled;
            while (!input.IsEmpty)
            {
                var inLength = input.Length;
                var outLength = resampled.Length - produced;
                _resampler.Process(0, input, ref inLength, resampled.AsSpan(produced), ref outLength);
                produced += outLength;
                input = input[inLength..];
                if (inLength == 0 && outLength == 0)
                {
                    break;
                }
            }

            samples = resampled.AsSpan(0, produced);
        }

        if (_output.Length < samples.Length * 2)
        {
            _output = new byte[samples.Length * 2];
        }

        for (var i = 0; i < samples.Length; i++)
        {
            var value = Math.Clamp(samples[i] * 32768f, short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(_output.AsSpan(2 * i), (short)MathF.Round(value));
        }

        _outputPosition = 0;
        _outputLength = samples.Length * 2;
    }

    private void Downmix(ReadOnlySpan<byte> frames, Span<float> mono)
    {
        var bytesPerSample = _encoding.BytesPerSample();
        for (var frame = 0; frame < mono.Length; frame++)
        {
            var sum = 0f;
            for (var channel = 0; channel < _channels; channel++)
            {
                sum += Decode(frames.Slice((frame * _channels + channel) * bytesPerSample, bytesPerSample));
            }

            mono[frame] = sum / _channels;
        }
    }

    private float Decode(ReadOnlySpan<byte> sample) => _encoding switch
    {
        PcmSampleEncoding.UInt8 => (sample[0] - 128) / 128f,
        PcmSampleEncoding.Int16 => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768f,
        PcmSampleEncoding.Int24 => ((sample[2] << 24) | (sample[1] << 16) | (sample[0] << 8)) / 2147483648f,
        PcmSampleEncoding.Int32 => BinaryPrimitives.ReadInt32LittleEndian(sample) / 2147483648f,
        PcmSampleEncoding.Float32 => BinaryPrimitives.ReadSingleLittleEndian(sample),
        _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(sample),
    };
}
