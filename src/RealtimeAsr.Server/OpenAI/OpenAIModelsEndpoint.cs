namespace RealtimeAsr.Server;

/// <summary>
/// <c>GET /v1/models</c>: the models served right now (<see cref="ModelCatalog.ListServed"/>), in OpenAI's list shape,
/// for the same API keys as every other route.
/// </summary>
public sealed class OpenAIModelsEndpoint(ApiKeyAuthenticator keys, ModelCatalog models, TimeProvider time)
{
    /// <summary>The route, as OpenAI's.</summary>
    public const string Path = "/v1/models";

    // Models have no release date here; the process's start is a stable stand-in for "created".
    private readonly long _created = time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Handles one request.</summary>
    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!keys.TryAuthorize(context.Request.Headers.Authorization, out _))
        {
            return TranscriptionEndpoint.FailAsync(context, new TranscriptionFailedException(StatusCodes.Status401Unauthorized,
                "Invalid or missing API key. Send 'Authorization: Bearer <key>' with one of the server's keys.", null, "invalid_api_key"));
        }

        var list = new OpenAIModelList("list", [.. models.ListServed().Select(m => new OpenAIModel(m.Id, "model", _created, "realtime-asr"))]);
        return context.Response.WriteAsJsonAsync(list, OpenAITranscriptionJsonContext.Default.OpenAIModelList, contentType: null, context.RequestAborted);
    }
}
