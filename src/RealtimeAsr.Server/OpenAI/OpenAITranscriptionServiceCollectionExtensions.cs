using Microsoft.Extensions.Options;
using RealtimeAsr.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OpenAI-compatible file transcription and model routes' services.</summary>
public static class OpenAITranscriptionServiceCollectionExtensions
{
    /// <summary>Adds them, with <see cref="OpenAITranscriptionOptions"/> bound from <c>RealtimeAsr:OpenAI</c> (<paramref name="section"/> is <c>RealtimeAsr</c>).</summary>
    public static IServiceCollection AddRealtimeAsrOpenAITranscription(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<OpenAITranscriptionOptions>()
            .Bind(section.GetSection(OpenAITranscriptionOptions.SectionName))
            .Validate(o => o.MaxUploadBytes >= 1024, "RealtimeAsr:OpenAI:MaxUploadBytes must be at least 1024.")
            .Validate(o => o.MaxConcurrentTranscriptions >= 0, "RealtimeAsr:OpenAI:MaxConcurrentTranscriptions must be 0 (route off) or more.")
            .Validate(o => o.MaxAudioDuration >= TimeSpan.FromSeconds(1), "RealtimeAsr:OpenAI:MaxAudioDuration must be at least 00:00:01.")
            .ValidateOnStart();
        services.AddSingleton(sp => new TranscriptionSlots(sp.GetRequiredService<IOptions<OpenAITranscriptionOptions>>().Value.MaxConcurrentTranscriptions));
        services.AddSingleton<FileTranscription>();
        services.AddSingleton<TranscriptionEndpoint>();
        services.AddSingleton<OpenAIModelsEndpoint>();
        return services;
    }
}
