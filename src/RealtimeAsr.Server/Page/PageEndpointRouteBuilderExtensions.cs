using Microsoft.Extensions.Options;
using RealtimeAsr.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the browser page's own routes (<c>/page/…</c>).</summary>
public static class PageEndpointRouteBuilderExtensions
{
    /// <summary>The page's configuration route.</summary>
    public const string ConfigPath = "/page/config";

    /// <summary>
    /// Maps <c>GET /page/config</c> (<see cref="PageConfig"/>) and <c>POST /page/client_secret</c>
    /// (<see cref="PageClientSecretEndpoint"/>) when <see cref="PageOptions.Enabled"/>; nothing otherwise.
    /// The route names no secret: the models and the auth mode are what a refused handshake tells anyone anyway.
    /// </summary>
    public static IEndpointRouteBuilder MapRealtimeAsrPage(this IEndpointRouteBuilder endpoints)
    {
        var page = endpoints.ServiceProvider.GetRequiredService<IOptions<PageOptions>>().Value;
        if (!page.Enabled)
        {
            return endpoints;
        }

        endpoints.MapGet(ConfigPath, (HttpContext context, ModelCatalog models, ApiKeyAuthenticator authenticator) =>
        {
            var auth = authenticator.IsOpen ? PageAuthModes.Open
                : page.IssueTokens ? PageAuthModes.Token
                : PageAuthModes.Unavailable;
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Json(new PageConfig(models.ListServed(), auth, RealtimeEndpoint.Path), PageJsonContext.Default.PageConfig);
        });
        endpoints.MapPost(PageClientSecretEndpoint.Path,
            context => context.RequestServices.GetRequiredService<PageClientSecretEndpoint>().HandleAsync(context));
        return endpoints;
    }
}
