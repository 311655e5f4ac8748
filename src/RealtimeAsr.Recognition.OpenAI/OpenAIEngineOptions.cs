
namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// Settings of an <see cref="OpenAIEngine"/> (bound by the server from <c>RealtimeAsr:Engines:&lt;name&gt;</c>, beside
/// <c>Type: openai</c>). <see cref="BaseUrl"/> and <see cref="Model"/> are required; everything else has a working
/// default. See docs/ENGINES.md, "OpenAI-compatible backends".
/// </summary>
public sealed class OpenAIEngineOptions
{
    /// <summary>
    /// The most audio one request may carry, so that its WAV (32,000 bytes a second) stays under the 25 MB upload cap
    /// of vLLM (<c>VLLM_MAX_AUDIO_CLIP_FILESIZE_MB</c>) and OpenAI: 13 minutes is 24.96 MB.
    /// </summary>
    public static readonly TimeSpan MaxRequestAudio = TimeSpan.FromMinutes(13);

    /// <summary>
    /// The backend's OpenAI API root, the part before <c>/audio/transcriptions</c>: <c>http://host:8000/v1</c> for
    /// vLLM, <c>https://api.openai.com/v1</c>, <c>http://host:8765/v1</c> for another RealtimeAsr. Required; no default.
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// Sent as <c>Authorization: Bearer …</c>; never logged nor shown to clients. Default empty: no header (vLLM started
    /// without <c>--api-key</c>).
    /// </summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// The backend's model name, sent as <c>model</c> (vLLM's served model name, e.g. <c>Qwen/Qwen3-ASR-1.7B</c>;
    /// <c>whisper-1</c> at OpenAI). Required; no default.
    /// </summary>
    public string Model { get; set; } = "";

    /// <summary>
    /// How long one request may take, from sending it to the last byte of the answer. Default 10 s: a GPU backend
    /// answers a 30 s window in well under a second when it is not overloaded, and a final later than this is of
    /// little use to a live user. A request that takes longer is abandoned: a final fails with
    /// <c>backend_timeout</c> (after its retries), a partial is skipped.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many requests this engine has at the backend at once, across all sessions. Default 64. A partial that
    /// would exceed it is skipped (the next one covers its audio); a final or a cut waits for a free request. Each
    /// session has at most one request in flight, so this is also how many sessions are decoding at once. Raise it to
    /// what the backend batches (vLLM's <c>--max-num-seqs</c>).
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>
    /// How many times a final (or cut) request is tried again after a transient failure (refused connection, HTTP 5xx,
    /// 408, 429, timeout). Default 2. Partials are never retried: a later partial covers the same audio. 0 disables
    /// retries. The final's worst case is <c>(Retries + 1) × Timeout</c> plus the delays.
    /// </summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// The delay before the first retry; it doubles for each further one, with jitter (so that the sessions of a
    /// backend that came back do not retry in step). Default 0.5 s: a restarted backend or a brief overload is often
    /// over within a second; with 2 retries the final waits about 1.5 s more in all.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// When the engine stops calling a failing backend for a while (defaults: half of at least 10 requests in 10 s
    /// failed; a rest of 5 s). While the circuit is open, items fail at once with <c>backend_unavailable</c> instead of
    /// each waiting for its timeout; then one request tries the backend, and its success closes the circuit.
    /// </summary>
    public OpenAICircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>
    /// The protocol language codes the backend transcribes: the languages sessions may ask for, each sent as
    /// <c>language</c>. Default <see langword="null"/>: all 27 of the protocol (list the model's own here, so that
    /// <c>session.update</c> refuses the others with a clear error instead of the backend failing each item). A
    /// session that sets none sends no <c>language</c>: the backend detects it.
    /// </summary>
    public IList<string>? Languages { get; set; }

    /// <summary>
    /// Sent as <c>temperature</c>. Default 0: greedy decoding, so that two decodes of the same audio agree, which the
    /// streaming policy's confirmation of words relies on. Range 0–1.
    /// </summary>
    public float Temperature { get; set; }

    /// <summary>
    /// When partial decodes run and how long speech is cut into windows (<see cref="WindowStreamingOptions"/>;
    /// defaults: a partial every 1 s, windows cut at a pause after 15 s and at 30 s at the latest, Qwen3-ASR's and
    /// Whisper's input length). <see cref="WindowStreamingOptions.MaxWindow"/> may be at most
    /// <see cref="MaxRequestAudio"/>.
    /// </summary>
    public WindowStreamingOptions Streaming { get; set; } = new();

    /// <summary>The languages served: <see cref="Languages"/>, or all of the protocol's.</summary>
    public IReadOnlySet<string> EffectiveLanguages =>
        ProtocolLanguages.Served(Languages);

    /// <summary>Throws when a setting is missing or out of range; <see cref="OpenAIEngine"/> calls it when it is created.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it and the fix.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            throw new ArgumentException(
                $"{nameof(BaseUrl)} is required: the backend's OpenAI API root, e.g. http://vllm:8000/v1.", nameof(BaseUrl));
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query))
        {
            throw new ArgumentException(
                $"{nameof(BaseUrl)} '{BaseUrl}' is not an http:// or https:// address without a query, e.g. http://vllm:8000/v1.", nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException(
                $"{nameof(Model)} is required: the backend's model name, sent as 'model' (e.g. Qwen/Qwen3-ASR-1.7B for vLLM).", nameof(Model));
        }

        EngineSettings.Require(Timeout >= TimeSpan.FromMilliseconds(10), nameof(Timeout), Timeout, "at least 10 ms");
        EngineSettings.Require(MaxConcurrentRequests > 0, nameof(MaxConcurrentRequests), MaxConcurrentRequests, "1 or more");
        EngineSettings.Require(Retries is >= 0 and <= 10, nameof(Retries), Retries, "between 0 and 10");
        EngineSettings.Require(RetryDelay >= TimeSpan.Zero, nameof(RetryDelay), RetryDelay, "zero or more");
        EngineSettings.Require(Temperature is >= 0f and <= 1f, nameof(Temperature), Temperature, "between 0 and 1");
        foreach (var language in Languages ?? [])
        {
            EngineSettings.Require(ProtocolLanguages.All.Contains(language), nameof(Languages), language,
                $"one of the protocol's codes ({string.Join(", ", ProtocolLanguages.All.Order(StringComparer.Ordinal))})");
        }

        if (CircuitBreaker is null)
        {
            throw new ArgumentException($"{nameof(CircuitBreaker)} is required.", nameof(CircuitBreaker));
        }

        CircuitBreaker.Validate();
        WindowStreamingOptions.ValidateSetting(Streaming, nameof(Streaming));

        EngineSettings.Require(Streaming.MaxWindow <= MaxRequestAudio, $"{nameof(Streaming)}.{nameof(Streaming.MaxWindow)}", Streaming.MaxWindow,
            $"at most {MaxRequestAudio} (a window's WAV must stay under the backends' 25 MB upload cap)");
    }

    /// <summary>A copy, so that the engine's settings do not change when the caller's object does.</summary>
    internal OpenAIEngineOptions Snapshot() => new()
    {
        BaseUrl = BaseUrl,
        ApiKey = ApiKey,
        Model = Model,
        Timeout = Timeout,
        MaxConcurrentRequests = MaxConcurrentRequests,
        Retries = Retries,
        RetryDelay = RetryDelay,
        CircuitBreaker = CircuitBreaker.Snapshot(),
        Languages = Languages?.ToList(),
        Temperature = Temperature,
        Streaming = new WindowStreamingOptions
        {
            PartialInterval = Streaming.PartialInterval,
            MaxWindow = Streaming.MaxWindow,
            PauseCutAfter = Streaming.PauseCutAfter,
        },
    };
}
