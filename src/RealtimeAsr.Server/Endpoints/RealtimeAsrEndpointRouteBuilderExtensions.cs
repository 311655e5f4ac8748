using Microsoft.Extensions.Options;
using RealtimeAsr.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the realtime ASR endpoints.</summary>
public static class RealtimeAsrEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api-ws/v1/realtime</c> (WebSocket; any method, so HTTP/2 CONNECT works too), OpenAI's realtime
    /// transcription sessions at <c>/v1/realtime?intent=transcription</c> (<see cref="OpenAIDialect"/>), <c>GET /healthz</c>
    /// (alive), <c>GET /readyz</c> (<see cref="ServerReadiness"/>), the Prometheus scraping endpoint
    /// (<see cref="MetricsEndpointOptions"/>), the client-secret route <c>POST /v1/realtime/client_secrets</c>
    /// (<see cref="ClientSecretsEndpoint"/>), the browser page's routes (<see cref="PageOptions"/>) and the OpenAI file
    /// transcription routes <c>POST /v1/audio/transcriptions</c> and <c>GET /v1/models</c> (<see cref="TranscriptionEndpoint"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapRealtimeAsr(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(RealtimeEndpoint.Path,
            context => context.RequestServices.GetRequiredService<RealtimeEndpoint>().HandleAsync(context));
        endpoints.Map(RealtimeEndpoint.OpenAIPath,
            context => context.RequestServices.GetRequiredService<RealtimeEndpoint>().HandleOpenAIAsync(context));
        endpoints.MapPost(ClientSecretsEndpoint.Path,
            context => context.RequestServices.GetRequiredService<ClientSecretsEndpoint>().HandleAsync(context));
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (ServerReadiness readiness) => readiness.NotReadyReason is { } reason
            ? Results.Text(reason, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready"));

        var metrics = endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsEndpointOptions>>().Value;
        if (metrics.Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(metrics.Path, meterProvider: null,
                scrape => scrape.Use(RequireApiKeyWhenConfigured), optionsName: null);
        }

        endpoints.MapRealtimeAsrPage();
        endpoints.MapRealtimeAsrOpenAITranscription();
        return endpoints;
    }

    private static Task RequireApiKeyWhenConfigured(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsEndpointOptions>>().Value;
        if (options.RequireApiKey
            && !context.RequestServices.GetRequiredService<ApiKeyAuthenticator>().TryAuthorize(context.Request.Headers.Authorization, out _))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsync("Invalid or missing API key. Send 'Authorization: Bearer <key>'.");
        }

        return next(context);
    }
}
