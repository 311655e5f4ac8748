using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// <c>POST /v1/realtime/client_secrets</c>: mints an ephemeral client secret for a browser, as OpenAI's GA API does (its
/// SDKs' <c>CreateRealtimeClientSecretAsync</c> work against it), for a caller with an API key. The token is bound to
/// the minting key (its sessions count against that key's quota) and to the model the request names, if any. Errors
/// are OpenAI-shaped. See docs/OPERATIONS.md, "Browser authentication".
/// </summary>
public sealed partial class ClientSecretsEndpoint(
    ApiKeyAuthenticator keys,
    ClientSecretCodec codec,
    ModelCatalog models,
    ILogger<ClientSecretsEndpoint> logger)
{
    /// <summary>The route, as OpenAI's.</summary>
    public const string Path = "/v1/realtime/client_secrets";

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        if (!keys.TryAuthorize(context.Request.Headers.Authorization, out var keyId))
        {
            Log.MintRefused(logger, StatusCodes.Status401Unauthorized, RefusalReasons.InvalidApiKey);
            await FailAsync(context, StatusCodes.Status401Unauthorized,
                new("Invalid or missing API key. Send 'Authorization: Bearer <key>' with one of the server's keys.", null, "invalid_api_key"));
            return;
        }

        var body = await RequestJson.ReadAsync(context.Request, context.RequestAborted);
        if (body.Error is { } malformed)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, new(malformed, null, "invalid_json"));
            return;
        }

        if (!ClientSecretRequest.TryRead(body.Root, out var request, out var problem))
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        if (request.Model is { } model && models.Resolve(model) is null)
        {
            Log.MintRefused(logger, StatusCodes.Status404NotFound, RefusalReasons.UnknownModel);
            var param = request.SessionType == "realtime" ? "session.model" : "session.audio.input.transcription.model";
            await FailAsync(context, StatusCodes.Status404NotFound,
                new($"Model '{model}' is not served here. Models: {string.Join(", ", models.DescribeModels())}.", param, "model_not_found"));
            return;
        }

        var (value, claims) = codec.Issue(new ClientSecretGrant(keyId, request.Model, Origin: null), request.Lifetime);
        Log.Minted(logger, claims.Id, keyId, claims.Model, claims.ExpiresAt);
        var session = request.SessionType == "realtime"
            ? new ClientSecretSession("realtime", request.Model, null)
            : new ClientSecretSession("transcription", null,
                request.Model is null ? null : new(new(new(request.Model))));
        await context.Response.WriteAsJsonAsync(new ClientSecretResponse(value, claims.ExpiresAt.ToUnixTimeSeconds(), session),
            ClientSecretJsonContext.Default.ClientSecretResponse, contentType: null, context.RequestAborted);
    }

    private static Task FailAsync(HttpContext context, int status, ClientSecretRequest.Problem problem)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new OpenAIErrorResponse(new OpenAIError(problem.Message, "invalid_request_error", problem.Param, problem.Code)),
            ClientSecretJsonContext.Default.OpenAIErrorResponse, contentType: null, context.RequestAborted);
    }
}
