using RealtimeAsr.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the realtime ASR endpoints.</summary>
public static class RealtimeAsrEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/api-ws/v1/realtime</c> (WebSocket; any method, so HTTP/2 CONNECT works too) and <c>GET /healthz</c>.</summary>
    public static IEndpointRouteBuilder MapRealtimeAsr(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(RealtimeEndpoint.Path,
            context => context.RequestServices.GetRequiredService<RealtimeEndpoint>().HandleAsync(context));
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }
}
