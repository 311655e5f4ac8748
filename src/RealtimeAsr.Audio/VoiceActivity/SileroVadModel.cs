using Microsoft.ML.OnnxRuntime;

namespace RealtimeAsr.Audio;

/// <summary>
/// The Silero VAD v6 ONNX model, loaded once and shared by every session: inference is thread-safe, and all per-stream
/// state lives in the <see cref="SileroVadEstimator"/>s it creates. Runs on one thread per call, since many sessions run at once.
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    /// <summary>Where <c>scripts/setup.sh</c> puts the model, relative to the repository root.</summary>
    public const string DefaultRelativePath = "models/silero_vad_v6.onnx";

    /// <summary>New samples per inference: 32 ms at 16 kHz, the size the model was trained on.</summary>
    public const int FrameSamples = 512;

    /// <summary>Samples of the previous frame prepended to each frame, as the model expects at 16 kHz.</summary>
    public const int ContextSamples = 64;

    internal const int StateSize = 2 * 1 * 128;
    internal static readonly long[] InputShape = [1, ContextSamples + FrameSamples];
    internal static readonly long[] StateShape = [2, 1, 128];
    internal static readonly long[] ProbabilityShape = [1, 1];
    internal static readonly long[] ScalarShape = [];

    private static readonly string[] s_inputNames = ["input", "state", "sr"];
    private static readonly string[] s_outputNames = ["output", "stateN"];

    private readonly InferenceSession _session;

    /// <summary>Loads the model from <paramref name="modelPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (run <c>scripts/setup.sh</c>).</exception>
    /// <exception cref="InvalidDataException">The file is not a Silero VAD v5/v6 model.</exception>
    public SileroVadModel(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Silero VAD model not found at '{Path.GetFullPath(modelPath)}'; scripts/setup.sh downloads it.", modelPath);
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelPath, options);
        try
        {
            ValidateSignature(_session, modelPath);
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        ModelPath = modelPath;
    }

    /// <summary>The file the model was loaded from.</summary>
    public string ModelPath { get; }

    /// <summary>Creates the per-stream state (recurrent state and context) for one audio stream.</summary>
    public SileroVadEstimator CreateEstimator() => new(this);

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    /// <summary>Binds a stream's tensors once, so that each inference passes no names or arrays.</summary>
    internal OrtIoBinding Bind(OrtValue input, OrtValue state, OrtValue sampleRate, OrtValue probability, OrtValue nextState)
    {
        var binding = _session.CreateIoBinding();
        binding.BindInput(s_inputNames[0], input);
        binding.BindInput(s_inputNames[1], state);
        binding.BindInput(s_inputNames[2], sampleRate);
        binding.BindOutput(s_outputNames[0], probability);
        binding.BindOutput(s_outputNames[1], nextState);
        return binding;
    }

    internal void Run(RunOptions runOptions, OrtIoBinding binding) => _session.RunWithBinding(runOptions, binding);

    private static void ValidateSignature(InferenceSession session, string modelPath)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        if (!s_inputNames.All(inputs.ContainsKey) || !s_outputNames.All(outputs.ContainsKey)
            || inputs["input"].ElementType != typeof(float) || inputs["state"].ElementType != typeof(float) || inputs["sr"].ElementType != typeof(long))
        {
            throw new InvalidDataException(
                $"'{modelPath}' is not a Silero VAD v5/v6 model: expected inputs input/state/sr and outputs output/stateN, found "
                + $"inputs {string.Join('/', inputs.Keys)} and outputs {string.Join('/', outputs.Keys)}.");
        }
    }
}
