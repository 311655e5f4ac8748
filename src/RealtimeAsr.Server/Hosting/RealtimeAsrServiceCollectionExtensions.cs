using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeAsr.Audio;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Server;
using RealtimeAsr.Sessions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the realtime ASR server's services.</summary>
public static class RealtimeAsrServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engines, the VAD model, the worker pool, the endpoint and telemetry, with options bound from the
    /// <c>RealtimeAsr</c> section (<c>RealtimeAsr:Session</c>, <c>RealtimeAsr:Limits</c>, <c>RealtimeAsr:PocketSphinx</c>,
    /// <c>RealtimeAsr:Engines</c>, <c>RealtimeAsr:Metrics</c>, <c>RealtimeAsr:Page</c>, <c>RealtimeAsr:ClientSecrets</c>,
    /// <c>RealtimeAsr:OpenAI</c>).
    /// </summary>
    public static IServiceCollection AddRealtimeAsr(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RealtimeAsrServerOptions.SectionName);
        services.AddOptions<RealtimeAsrServerOptions>()
            .Bind(section)
            .PostConfigure(options =>
            {
                var fromEnvironment = Environment.GetEnvironmentVariable("REALTIMEASR_API_KEYS");
                foreach (var key in (fromEnvironment ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    options.ApiKeys.Add(key);
                }
            })
            .Validate(o => o.MaxMessageBytes >= 1024, "RealtimeAsr:MaxMessageBytes must be at least 1024.")
            .Validate(o => o.RecognitionWorkers >= 0, "RealtimeAsr:RecognitionWorkers must be 0 (one per core) or more.")
            .Validate(o => o.MaxBufferedInputBytes >= 1024, "RealtimeAsr:MaxBufferedInputBytes must be at least 1024.")
            .Validate(o => IsTimeout(o.SendTimeout), "RealtimeAsr:SendTimeout must be positive (or -00:00:00.001, infinite).")
            .Validate(o => o.KeepAliveInterval >= TimeSpan.Zero, "RealtimeAsr:KeepAliveInterval must be 0 (no pings) or positive.")
            .Validate(o => IsTimeout(o.KeepAliveTimeout), "RealtimeAsr:KeepAliveTimeout must be positive (or -00:00:00.001, infinite).")
            .Validate(o => IsTimeout(o.CloseTimeout) && IsTimeout(o.FinishedCloseTimeout),
                "RealtimeAsr:CloseTimeout and RealtimeAsr:FinishedCloseTimeout must be positive.")
            .Validate(o => o.ShutdownDelay >= TimeSpan.Zero, "RealtimeAsr:ShutdownDelay must be 0 or positive.")
            .ValidateOnStart();
        services.AddOptions<RealtimeSessionOptions>()
            .Bind(section.GetSection("Session"))
            .Configure(o => section.GetSection("Limits").Bind(o.Limits))
            .Validate(o => o.PartialIntervalMs is >= 20 and <= 10_000, "RealtimeAsr:Session:PartialIntervalMs must be in [20, 10000].")
            .Validate(o => o.PreRollMs is >= 0 and <= 2_000, "RealtimeAsr:Session:PreRollMs must be in [0, 2000].")
            .Validate(o => o.CommandQueueCapacity >= 1, "RealtimeAsr:Session:CommandQueueCapacity must be at least 1.")
            .Validate(o => o.IdleUtteranceTimeout > TimeSpan.Zero && o.DecoderWaitTimeout > TimeSpan.Zero,
                "RealtimeAsr:Session:IdleUtteranceTimeout and RealtimeAsr:Session:DecoderWaitTimeout must be positive.")
            .Validate(o => o.WorkSliceMs is >= 20 and <= 60_000, "RealtimeAsr:Session:WorkSliceMs must be in [20, 60000].")
            .Validate(o => IsTimeout(o.Limits.IdleTimeout) && IsTimeout(o.Limits.MaxSessionDuration),
                "RealtimeAsr:Limits:IdleTimeout and RealtimeAsr:Limits:MaxSessionDuration must be positive (or -00:00:00.001, no limit).")
            .Validate(o => IsAtLeastOneSecond(o.Limits.MaxUtteranceDuration) && IsAtLeastOneSecond(o.Limits.MaxManualBufferDuration),
                "RealtimeAsr:Limits:MaxUtteranceDuration and RealtimeAsr:Limits:MaxManualBufferDuration must be at least 00:00:01 (or -00:00:00.001, no limit).")
            .ValidateOnStart();
        services.AddOptions<AdmissionOptions>()
            .Bind(section.GetSection("Limits"))
            .Validate(o => o.MaxSessions >= 0 && o.MaxSessionsPerKey >= 0 && o.Models.Values.All(m => m.MaxSessions >= 0),
                "RealtimeAsr:Limits:MaxSessions, MaxSessionsPerKey and Models:<model>:MaxSessions must be 0 (no limit of their own) or more.")
            .Validate(o => o.RetryAfter >= TimeSpan.Zero, "RealtimeAsr:Limits:RetryAfter must not be negative.")
            .ValidateOnStart();
        services.AddOptions<ClientSecretOptions>()
            .Bind(section.GetSection(ClientSecretOptions.SectionName))
            .Validate(o => o.DefaultLifetime >= TimeSpan.FromSeconds(1) && o.DefaultLifetime <= o.MaxLifetime,
                "RealtimeAsr:ClientSecrets:DefaultLifetime must be at least 1 s and at most MaxLifetime.")
            .Validate(o => o.MaxLifetime >= ClientSecretOptions.ShortestRequestedLifetime && o.MaxLifetime <= ClientSecretOptions.LongestRequestedLifetime,
                "RealtimeAsr:ClientSecrets:MaxLifetime must be from 00:00:10 to 02:00:00 (the range OpenAI's expires_after accepts).")
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || o.DecodeSigningKey() is { Length: >= 32 },
                "RealtimeAsr:ClientSecrets:SigningKey must be base64 of at least 32 bytes (e.g. `openssl rand -base64 32`), or unset for a random key per process.")
            .Validate(o => o.AllowedOrigins.All(origin => OriginPolicy.Normalize(origin) is not null),
                "RealtimeAsr:ClientSecrets:AllowedOrigins must hold origins such as https://app.example.com (scheme, host, optional port; no path).")
            .ValidateOnStart();
        services.AddOptions<PocketSphinxOptions>().Bind(section.GetSection("PocketSphinx"));
        services.AddRealtimeAsrPage(section);
        services.AddRealtimeAsrOpenAITranscription(section);

        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<RealtimeAsrServerOptions>>().Value.VadModelPath;
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The Silero VAD model is missing at '{path}'. Run scripts/setup.sh (it fetches and checksums it) or set RealtimeAsr:VadModelPath.");
            }

            return new SileroVadModel(path);
        });
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<RealtimeAsrServerOptions>>().Value.RecognitionWorkers;
            return new RecognitionWorkers(configured > 0 ? configured : Environment.ProcessorCount, sp.GetRequiredService<SessionMetrics>());
        });
        // The embedded engine, created only when some model uses it (a host may replace it, as the tests do).
        services.AddSingleton<ISpeechRecognizer>(sp =>
            new PocketSphinxRecognizer(sp.GetRequiredService<IOptions<PocketSphinxOptions>>().Value));
        services.AddSingleton(sp => new EngineRegistry(section, sp.GetRequiredService<ISpeechRecognizer>,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton(sp => new SessionAdmission(sp.GetRequiredService<IOptions<AdmissionOptions>>().Value, Environment.ProcessorCount));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientSecretCodec>();
        services.AddSingleton<SpentClientSecrets>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<HandshakeAuthenticator>();
        services.AddSingleton<ClientSecretsEndpoint>();
        services.AddSingleton<PageClientSecretEndpoint>();
        services.AddSingleton<RealtimeEndpoint>();
        services.AddRealtimeAsrTelemetry(configuration);
        services.AddHostedService<EngineWarmup>();
        // Stops after the web server (whose hosted service ASP.NET Core starts last) and before the singletons go.
        services.AddHostedService<SessionDrain>();
        services.AddHostedService<ShutdownDelay>();
        return services;
    }

    private static bool IsTimeout(TimeSpan value) => value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan;

    private static bool IsAtLeastOneSecond(TimeSpan value) => value >= TimeSpan.FromSeconds(1) || value == Timeout.InfiniteTimeSpan;
}
