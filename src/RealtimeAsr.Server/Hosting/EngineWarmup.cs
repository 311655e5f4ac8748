using System.Globalization;
using RealtimeAsr.Audio;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;

namespace RealtimeAsr.Server;

/// <summary>
/// Loads the VAD model and every engine before the server takes connections, so a missing model fails the start-up
/// with a clear message instead of the first session.
/// </summary>
internal sealed partial class EngineWarmup(
    EngineRegistry engines,
    SileroVadModel vadModel,
    ModelCatalog catalog,
    ApiKeyAuthenticator authenticator,
    SessionAdmission admission,
    ServerReadiness readiness,
    EngineMetrics engineMetrics,
    ILogger<EngineWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = vadModel;
        // Created here, so that its gauges exist from the start.
        _ = engineMetrics;
        var used = catalog.UsedEngines.Concat(engines.ConfiguredNames).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var (name, error) in await engines.WarmUpAsync(used, cancellationToken))
        {
            LogEngineUnavailable(logger, name, error.Message);
        }

        foreach (var name in used.Where(n => engines[n].Unavailable is null))
        {
            var engine = engines[name].Engine!;
            var capabilities = engine.Capabilities;
            LogEngineReady(logger, name, capabilities.Kind, string.Join(",", capabilities.Languages.Order()),
                admission.MaxSessions(engine)?.ToString(CultureInfo.InvariantCulture) ?? "no limit");
            if (engine is IncrementalSpeechEngine { Recognizer: PocketSphinxRecognizer pocketSphinx })
            {
                ReportDecoderPool(pocketSphinx, name);
            }
        }

        readiness.OnEnginesLoaded();
        if (authenticator.IsOpen)
        {
            LogUnauthenticated(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the warm-up measured a decoder to cost, and the pool's maximum that follows.</summary>
    private void ReportDecoderPool(PocketSphinxRecognizer engine, string name)
    {
        const long mebibyte = 1024 * 1024;
        var limit = engine.DecoderMemoryBudget is { } budget ? $"a memory budget of {budget / mebibyte} MiB" : "MaxDecoders";
        LogDecoderPool(logger, name, engine.BytesPerDecoder / mebibyte, engine.MaxDecoders, limit);
    }

    [LoggerMessage(304, LogLevel.Information, "Engine {Engine}: a decoder costs {DecoderMiB} MiB (measured); at most {MaxDecoders} decoders, set by {Limit}")]
    private static partial void LogDecoderPool(ILogger logger, string engine, long decoderMiB, int maxDecoders, string limit);

    [LoggerMessage(301, LogLevel.Information, "Engine {Engine} ready ({Kind}; languages: {Languages}; live sessions admitted: {MaxSessions})")]
    private static partial void LogEngineReady(ILogger logger, string engine, EngineKind kind, string languages, string maxSessions);

    [LoggerMessage(303, LogLevel.Error, "Engine {Engine} is optional and could not start; its models are refused until a restart: {Reason}")]
    private static partial void LogEngineUnavailable(ILogger logger, string engine, string reason);

    [LoggerMessage(302, LogLevel.Warning, "No API keys are configured: the server is UNAUTHENTICATED and listens on loopback only. Set RealtimeAsr:ApiKeys or REALTIMEASR_API_KEYS to serve other hosts.")]
    private static partial void LogUnauthenticated(ILogger logger);
}
