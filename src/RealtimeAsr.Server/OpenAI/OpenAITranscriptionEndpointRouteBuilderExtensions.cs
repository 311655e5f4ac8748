using RealtimeAsr.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OpenAI-compatible file transcription and model routes.</summary>
public static class OpenAITranscriptionEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST /v1/audio/transcriptions</c> (<see cref="TranscriptionEndpoint"/>) and <c>GET /v1/models</c> (<see cref="OpenAIModelsEndpoint"/>).</summary>
    public static IEndpointRouteBuilder MapRealtimeAsrOpenAITranscription(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TranscriptionEndpoint.Path,
            context => context.RequestServices.GetRequiredService<TranscriptionEndpoint>().HandleAsync(context));
        endpoints.MapGet(OpenAIModelsEndpoint.Path,
            context => context.RequestServices.GetRequiredService<OpenAIModelsEndpoint>().HandleAsync(context));
        return endpoints;
    }
}
