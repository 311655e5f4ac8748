using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// OpenTelemetry for the server: the <c>RealtimeAsr</c> meter with ASP.NET Core's, Kestrel's and the runtime's own
/// meters, exported for Prometheus (mapped by <see cref="RealtimeAsrEndpointRouteBuilderExtensions.MapRealtimeAsr"/>);
/// and, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured (environment variable or setting), OTLP export of
/// traces (the HTTP requests, a WebSocket session being one long request), metrics and logs. Nothing is sent anywhere
/// by default. See docs/OPERATIONS.md, "Metrics and health".
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard setting that turns OTLP export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> reported unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "realtime-asr-server";

    // The metrics listener OpenTelemetry registers (WithMetrics), to which the meters are enabled below.
    private const string OpenTelemetryListener = "OpenTelemetry";

    // Meters of the framework worth scraping beside ours: requests, and connections (WebSockets are upgraded ones).
    private static readonly string[] s_frameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddRealtimeAsrTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Enabled through the host's metrics builder with the local scope, not with AddMeter: only the meters this host's
        // IMeterFactory created are exported, never those of another host in the same process (the tests run several).
        services.AddMetrics(metrics =>
        {
            foreach (var meter in s_frameworkMeters.Prepend(SessionMetrics.MeterName))
            {
                metrics.EnableMetrics(meter, instrumentName: null, OpenTelemetryListener, MeterScope.Local);
            }

            // GC, thread pool, CPU and memory: the runtime's own meter, one per process.
            metrics.EnableMetrics("System.Runtime", instrumentName: null, OpenTelemetryListener, MeterScope.Global);
        });
        services.AddSingleton<SessionMetrics>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<ServerReadiness>();
        services.AddOptions<MetricsEndpointOptions>()
            .Bind(configuration.GetSection(MetricsEndpointOptions.SectionName))
            .Validate(o => o.Path.StartsWith('/'), "RealtimeAsr:Metrics:Path must start with '/'.")
            .ValidateOnStart();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(ServiceName);
                }
            })
            .WithMetrics(metrics => metrics.AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()).UseOtlpExporter();
        }

        return services;
    }
}
