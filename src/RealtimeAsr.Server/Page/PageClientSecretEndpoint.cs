using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>
/// <c>POST /page/client_secret</c>: the browser page's own token route. It mints a client secret without an API key, so
/// it answers only when <see cref="PageOptions.IssueTokens"/> is on (behind a deployment's own login) and the server
/// has keys; otherwise 404 saying why. A request from a page (with <c>Origin</c>) must come from an allowed origin,
/// and its token then connects from that origin only. Body <c>{"model": "…"}</c>, optional; answer
/// <c>{"value", "expires_at"}</c>. See docs/OPERATIONS.md, "Browser authentication".
/// </summary>
public sealed partial class PageClientSecretEndpoint(
    ApiKeyAuthenticator keys,
    ClientSecretCodec codec,
    OriginPolicy origins,
    ModelCatalog models,
    IOptions<PageOptions> pageOptions,
    ILogger<PageClientSecretEndpoint> logger)
{
    /// <summary>The route.</summary>
    public const string Path = "/page/client_secret";

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        if (UnavailableReason() is { } unavailable)
        {
            await FailAsync(context, StatusCodes.Status404NotFound, "NotFound", unavailable);
            return;
        }

        string? origin = null;
        if (context.Request.Headers.Origin.Count > 0)
        {
            origin = OriginPolicy.OriginOf(context.Request);
            if (origin is null || !origins.IsAllowed(origin, context.Request))
            {
                Log.Refused(logger, StatusCodes.Status403Forbidden, context.Request.Headers.Origin.ToString());
                await FailAsync(context, StatusCodes.Status403Forbidden, "AccessDenied",
                    $"Pages of origin '{context.Request.Headers.Origin}' may not get a client secret. The server allows its own origin and those in RealtimeAsr:ClientSecrets:AllowedOrigins.");
                return;
            }
        }

        var body = await RequestJson.ReadAsync(context.Request, context.RequestAborted);
        if (body.Error is { } malformed)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, "InvalidParameter", malformed);
            return;
        }

        if (!TryReadModel(body.Root, out var model))
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, "InvalidParameter",
                "The body must be a JSON object such as {\"model\": \"qwen3-asr-flash-realtime\"}, 'model' a non-empty string (or left out).");
            return;
        }

        if (model is not null && models.Resolve(model) is null)
        {
            await FailAsync(context, StatusCodes.Status404NotFound, "ModelNotFound",
                $"Model '{model}' is not served here. Models: {string.Join(", ", models.DescribeModels())}.");
            return;
        }

        var (value, claims) = codec.Issue(new ClientSecretGrant(KeyId: null, model, origin));
        Log.Minted(logger, claims.Id, origin, model, claims.ExpiresAt);
        await context.Response.WriteAsJsonAsync(new ClientSecretResponse(value, claims.ExpiresAt.ToUnixTimeSeconds()),
            ClientSecretJsonContext.Default.ClientSecretResponse, contentType: null, context.RequestAborted);
    }

    private string? UnavailableReason()
    {
        var page = pageOptions.Value;
        if (keys.IsOpen)
        {
            return "This server has no API keys, so it issues no client secrets: the page connects without one.";
        }

        return page.IssueTokens
            ? null
            : "This server does not issue client secrets to the page (RealtimeAsr:Page:IssueTokens is off). A deployment turns it on "
                + "only behind a login of its own; until then, a client with an API key mints them at POST /v1/realtime/client_secrets.";
    }

    private static bool TryReadModel(JsonElement? root, out string? model)
    {
        model = null;
        if (root is not { } body)
        {
            return true;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!body.TryGetProperty("model", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        model = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return model is { Length: > 0 };
    }

    private static Task FailAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new HandshakeError(code, message, context.TraceIdentifier),
            HandshakeJsonContext.Default.HandshakeError, contentType: null, context.RequestAborted);
    }
}
