using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>
/// A backend in-process, below the engine's resilience (its HTTP handler): answers each request as the test scripts it
/// and keeps the requests' form fields. For the engine's own logic (retries, limits, the breaker); the server tests run
/// real backends.
/// </summary>
internal sealed class ScriptedBackend(Func<ScriptedBackend.Request, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public sealed record Request(Uri Uri, string? Authorization, IReadOnlyDictionary<string, string> Fields, byte[]? File);

    public ConcurrentQueue<Request> Requests { get; } = new();

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static OpenAIEngine Engine(ScriptedBackend backend, Action<OpenAIEngineOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new OpenAIEngineOptions { BaseUrl = "http://backend.test/v1", Model = "asr-model", ApiKey = "backend-key", RetryDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new OpenAIEngine("remote", options, loggerFactory: null, backend, time);
    }

    public static WindowDecodeRequest Window(WindowDecodeKind kind, int samples = 16000) => new(kind, new short[samples], "");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? file = null;
        if (request.Content is MultipartFormDataContent form)
        {
            foreach (var part in form)
            {
                var name = part.Headers.ContentDisposition!.Name!.Trim('"');
                if (name == "file")
                {
                    file = await part.ReadAsByteArrayAsync(cancellationToken);
                }
                else
                {
                    fields[name] = await part.ReadAsStringAsync(cancellationToken);
                }
            }
        }

        var received = new Request(request.RequestUri!, request.Headers.Authorization?.ToString(), fields, file);
        Requests.Enqueue(received);
        return await answer(received, cancellationToken);
    }
}
