using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// The start-up check of an <see cref="OpenAIEngine"/>'s backend: one <c>GET {BaseUrl}/models</c>. What is certainly
/// the configuration's fault fails start-up (the backend refuses the key; it lists its models and the configured one is
/// not among them); a backend that is down, slow, failing or without a model list only gets a warning, because in a
/// deployment the front often starts before its backend, and the engine recovers by itself once it answers.
/// </summary>
internal static partial class BackendProbe
{
    private const int ModelsNamed = 10;

    /// <exception cref="InvalidOperationException">The backend refused the key, or does not serve the model; the message says which.</exception>
    public static async Task CheckAsync(string engine, TranscriptionBackend backend, OpenAIEngineOptions options, ILogger logger,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await backend.Http.GetAsync(backend.ModelsUri, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            Log.Unreachable(logger, engine, options.BaseUrl, e.Message);
            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Unreachable(logger, engine, options.BaseUrl, $"no answer within {options.Timeout}");
            return;
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new InvalidOperationException(
                    $"the backend at {options.BaseUrl} refused this server's key (HTTP {(int)response.StatusCode}) when asked for its models: set ApiKey to a key it accepts.");
            }

            if (!response.IsSuccessStatusCode)
            {
                Log.NoModelList(logger, engine, options.BaseUrl, $"HTTP {(int)response.StatusCode}");
                return;
            }

            var models = ModelIds(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (models is null)
            {
                Log.NoModelList(logger, engine, options.BaseUrl, "not an OpenAI model list");
                return;
            }

            if (!models.Contains(options.Model, StringComparer.Ordinal))
            {
                var named = string.Join(", ", models.Take(ModelsNamed)) + (models.Count > ModelsNamed ? ", …" : "");
                throw new InvalidOperationException(
                    $"the backend at {options.BaseUrl} does not serve model '{options.Model}'; it serves: {(models.Count == 0 ? "none" : named)}. Set Model to one of them.");
            }

            Log.Ready(logger, engine, options.BaseUrl, options.Model);
        }
    }

    /// <summary>The <c>data[].id</c> of an OpenAI model list, or <see langword="null"/> when the body is not one.</summary>
    internal static List<string>? ModelIds(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return [.. data.EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(m => m.GetProperty("id").GetString()!)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
