using Microsoft.ML.OnnxRuntime;

namespace RealtimeAsr.Audio;

/// <summary>
/// One audio stream's estimator over a <see cref="SileroVadModel"/>: the recurrent state and the 64-sample context, with tensors
/// bound once to reused buffers so that a frame costs one inference and no allocation. Not thread-safe.
/// </summary>
public sealed class SileroVadEstimator : ISpeechProbabilityEstimator
{
    private const float SampleScale = 1f / 32768f;

    private readonly SileroVadModel _model;

    // [context | frame]: the model sees the last 64 samples of the previous frame before the new 512.
    private readonly float[] _input = new float[SileroVadModel.ContextSamples + SileroVadModel.FrameSamples];
    private readonly float[] _state = new float[SileroVadModel.StateSize];
    private readonly float[] _nextState = new float[SileroVadModel.StateSize];
    private readonly float[] _probability = new float[1];
    private readonly OrtValue[] _tensors;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    internal SileroVadEstimator(SileroVadModel model)
    {
        _model = model;
        // The tensors wrap (and pin) the arrays above for the estimator's lifetime, so they are bound once.
        _tensors =
        [
            OrtValue.CreateTensorValueFromMemory(_input, SileroVadModel.InputShape),
            OrtValue.CreateTensorValueFromMemory(_state, SileroVadModel.StateShape),
            OrtValue.CreateTensorValueFromMemory(new long[] { AudioFormat.EngineSampleRate }, SileroVadModel.ScalarShape),
            OrtValue.CreateTensorValueFromMemory(_probability, SileroVadModel.ProbabilityShape),
            OrtValue.CreateTensorValueFromMemory(_nextState, SileroVadModel.StateShape),
        ];
        _binding = model.Bind(_tensors[0], _tensors[1], _tensors[2], _tensors[3], _tensors[4]);
    }

    /// <inheritdoc />
    public int FrameSamples => SileroVadModel.FrameSamples;

    /// <inheritdoc />
    public float Estimate(ReadOnlySpan<short> frame)
    {
        if (frame.Length != SileroVadModel.FrameSamples)
        {
            throw new ArgumentException($"A frame is {SileroVadModel.FrameSamples} samples, not {frame.Length}.", nameof(frame));
        }

        var samples = _input.AsSpan(SileroVadModel.ContextSamples);
        for (var i = 0; i < frame.Length; i++)
        {
            samples[i] = frame[i] * SampleScale;
        }

        _model.Run(_runOptions, _binding);
        _nextState.CopyTo(_state, 0);
        _input.AsSpan(_input.Length - SileroVadModel.ContextSamples).CopyTo(_input);
        return _probability[0];
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_state);
        Array.Clear(_input);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var tensor in _tensors)
        {
            tensor.Dispose();
        }

        _runOptions.Dispose();
    }
}
