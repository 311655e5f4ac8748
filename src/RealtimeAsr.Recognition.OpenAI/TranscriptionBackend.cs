using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// Talks to one OpenAI-compatible backend for an <see cref="OpenAIEngine"/>: posts a window as a WAV file to
/// <c>{BaseUrl}/audio/transcriptions</c> through <see cref="BackendResilience"/>, bounded to
/// <see cref="OpenAIEngineOptions.MaxConcurrentRequests"/> requests at once, and reads the answer's text, or throws the
/// item's <see cref="RecognitionFailedException"/>. Thread-safe; one per engine, for the life of the process.
/// </summary>
/// <remarks>
/// One long-lived <see cref="HttpClient"/> over a <see cref="SocketsHttpHandler"/> whose pooled connections are renewed
/// every two minutes (so a backend's new address in DNS, a Kubernetes Service's endpoints, is picked up): what .NET's
/// guidance recommends for a client that lives as long as the process, and what <c>IHttpClientFactory</c> would give.
/// </remarks>
internal sealed partial class TranscriptionBackend : IDisposable
{
    /// <summary>The largest answer read: 1 MiB, some hundred times a 30 s window's transcript.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private readonly string _engine;
    private readonly OpenAIEngineOptions _options;
    private readonly HttpClient _http;
    private readonly BackendResilience _resilience;
    private readonly SemaphoreSlim _requests;
    private readonly ILogger _logger;
    private readonly string _temperature;

    public TranscriptionBackend(string engine, OpenAIEngineOptions options, ILogger logger, HttpMessageHandler? handler = null,
        TimeProvider? time = null)
    {
        _engine = engine;
        _options = options;
        _logger = logger;
        var root = options.BaseUrl.TrimEnd('/');
        TranscriptionsUri = new Uri(root + "/audio/transcriptions");
        ModelsUri = new Uri(root + "/models");
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.Timeout,
        })
        {
            // The resilience pipeline times each attempt; the client's own 100 s default would only get in its way.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            // A window's transcript is a few kilobytes; a backend (or a proxy) answering with more is not buffered whole.
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        _resilience = new BackendResilience(engine, options, logger, time ?? TimeProvider.System);
        _requests = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        _temperature = options.Temperature.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>{BaseUrl}/audio/transcriptions</c>.</summary>
    public Uri TranscriptionsUri { get; }

    /// <summary><c>{BaseUrl}/models</c>, asked at start-up (<see cref="BackendProbe"/>).</summary>
    public Uri ModelsUri { get; }

    /// <summary>The client, for <see cref="BackendProbe"/>.</summary>
    internal HttpClient Http => _http;

    /// <summary>Requests at the backend now.</summary>
    public int RequestsInFlight => _options.MaxConcurrentRequests - _requests.CurrentCount;

    /// <summary>
    /// Transcribes one window. A kept decode (final or cut) waits for a free request and is retried; a partial is
    /// tried once, and skipped at once when <see cref="OpenAIEngineOptions.MaxConcurrentRequests"/> are in flight.
    /// </summary>
    /// <exception cref="RecognitionFailedException">The backend failed, refused or did not answer; the code says which.</exception>
    public async Task<WindowHypothesis> TranscribeAsync(WindowDecodeRequest request, string? language, string? prompt, CancellationToken cancellationToken)
    {
        var kept = request.Kind != WindowDecodeKind.Partial;
        if (kept)
        {
            await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (!_requests.Wait(0, CancellationToken.None))
        {
            // The base skips a failed partial; the next one covers this audio too.
            throw new RecognitionFailedException(ErrorCodes.ServerBusy,
                $"Engine '{_engine}' has {_options.MaxConcurrentRequests} requests at its backend; this partial is skipped.");
        }

        try
        {
            var file = WavFile.Encode(request.Audio.Span);
            var pipeline = kept ? _resilience.Kept : _resilience.Attempt;
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var message = new HttpRequestMessage(HttpMethod.Post, TranscriptionsUri) { Content = Form(file, language, prompt) };
                    return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw BackendFailures.FromResponse(_engine, response.StatusCode, body);
            }

            var (text, detected) = BackendTranscript.Parse(body);
            return new WindowHypothesis(text, language is null ? detected : null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not RecognitionFailedException
            && BackendFailures.FromException(_engine, e, _options.Timeout) is { } failure)
        {
            Log.RequestFailed(_logger, _engine, request.Kind, failure.Code, e);
            throw failure;
        }
        catch (RecognitionFailedException failure)
        {
            Log.Answered(_logger, _engine, request.Kind, failure.Code, failure.Message);
            throw;
        }
        finally
        {
            _requests.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _requests.Dispose();
    }

    private MultipartFormDataContent Form(byte[] file, string? language, string? prompt)
    {
        var form = new MultipartFormDataContent();
        var audio = new ByteArrayContent(file);
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(audio, "file", "audio.wav");
        form.Add(new StringContent(_options.Model), "model");
        form.Add(new StringContent("json"), "response_format");
        form.Add(new StringContent(_temperature), "temperature");
        if (language is not null)
        {
            form.Add(new StringContent(language), "language");
        }

        if (!string.IsNullOrEmpty(prompt))
        {
            form.Add(new StringContent(prompt), "prompt");
        }

        return form;
    }
}
