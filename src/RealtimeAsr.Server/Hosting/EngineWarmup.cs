using RealtimeAsr.Audio;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Server;

/// <summary>
/// Loads the VAD model and every engine before the server takes connections, so a missing model fails the start-up
/// with a clear message instead of the first session.
/// </summary>
internal sealed partial class EngineWarmup(
    IEnumerable<ISpeechRecognizer> engines,
    SileroVadModel vadModel,
    ModelCatalog catalog,
    ApiKeyAuthenticator authenticator,
    ILogger<EngineWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = vadModel;
        _ = catalog;
        foreach (var engine in engines)
        {
            // Taking and returning a decoder loads the model once and leaves a warm decoder in the pool.
            using (await engine.StartAsync(new RecognitionOptions(), cancellationToken))
            {
            }

            LogEngineReady(logger, engine.Name, string.Join(",", engine.SupportedLanguages));
        }

        if (authenticator.IsOpen)
        {
            LogUnauthenticated(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(301, LogLevel.Information, "Engine {Engine} ready (languages: {Languages})")]
    private static partial void LogEngineReady(ILogger logger, string engine, string languages);

    [LoggerMessage(302, LogLevel.Warning, "No API keys are configured: the server is UNAUTHENTICATED and listens on loopback only. Set RealtimeAsr:ApiKeys or REALTIMEASR_API_KEYS to serve other hosts.")]
    private static partial void LogUnauthenticated(ILogger logger);
}
