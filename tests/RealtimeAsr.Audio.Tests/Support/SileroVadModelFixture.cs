namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>
/// One <see cref="SileroVadModel"/> for all tests, found through <c>REALTIMEASR_VAD_MODEL</c> or by walking up from the
/// test binaries to <c>models/silero_vad_v6.onnx</c> (where <c>scripts/setup.sh</c> puts it).
/// </summary>
public sealed class SileroVadModelFixture : IDisposable
{
    public const string ModelPathVariable = "REALTIMEASR_VAD_MODEL";

    public SileroVadModelFixture()
    {
        Model = new SileroVadModel(FindModel());
    }

    public SileroVadModel Model { get; }

    public void Dispose() => Model.Dispose();

    private static string FindModel()
    {
        var configured = Environment.GetEnvironmentVariable(ModelPathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, SileroVadModel.DefaultRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Silero VAD model not found: set {ModelPathVariable} or run scripts/setup.sh to download {SileroVadModel.DefaultRelativePath}.");
    }
}
