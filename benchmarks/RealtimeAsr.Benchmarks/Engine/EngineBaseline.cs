using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Recognition.Whisper;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>
/// The engine the server runs, as an instance of the benchmark's own: PocketSphinx decoded directly through one
/// recogniser session (without the engine contract's adapter, which is part of what the server adds), or Whisper with
/// the server's settings through the engine contract, since its decodes depend on the streaming policy's clock.
/// </summary>
internal sealed class EngineBaseline : IAsyncDisposable
{
    private readonly PocketSphinxRecognizer? _pocketSphinx;
    private readonly WhisperEngine? _whisper;
    private readonly RecognitionWorkers? _workers;
    private readonly ISpeechEngineSession? _session;

    private EngineBaseline(PocketSphinxRecognizer pocketSphinx) => _pocketSphinx = pocketSphinx;

    private EngineBaseline(WhisperEngine whisper, RecognitionWorkers workers)
    {
        _whisper = whisper;
        _workers = workers;
        _session = whisper.OpenSession(workers);
    }

    public static async Task<EngineBaseline> CreateAsync(WhisperSettings? whisper, CancellationToken cancellationToken)
    {
        if (whisper is null)
        {
            var engine = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
            engine.Warm();
            return new EngineBaseline(engine);
        }

        var whisperEngine = new WhisperEngine(WhisperSettings.EngineName, whisper.Options());
        try
        {
            await whisperEngine.WarmUpAsync(cancellationToken);
        }
        catch
        {
            whisperEngine.Dispose();
            throw;
        }

        // As many slots as the server has by default: one per core.
        return new EngineBaseline(whisperEngine, new RecognitionWorkers(Environment.ProcessorCount));
    }

    public Task<EngineRunResult> RunAsync(
        string name, IReadOnlyList<short[]> utterances, IReadOnlyList<string> references, int chunkSamples, int partialIntervalSamples,
        CancellationToken cancellationToken) => _pocketSphinx is { } pocketSphinx
        ? EngineBenchmark.RunAsync(name, pocketSphinx, utterances, references, chunkSamples, partialIntervalSamples, cancellationToken)
        : EngineContractBenchmark.RunAsync(name, _session!, utterances, references, chunkSamples, partialIntervalSamples, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _session?.Dispose();
        _whisper?.Dispose();
        _workers?.Dispose();
        _pocketSphinx?.Dispose();
        return ValueTask.CompletedTask;
    }
}
