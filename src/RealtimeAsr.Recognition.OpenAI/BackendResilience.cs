using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// The resilience of an engine's requests, built once per engine with Polly and Microsoft.Extensions.Http.Resilience's
/// HTTP rules of what is transient (a refused connection, HTTP 5xx, 408, 429, a timeout):
/// <list type="bullet">
/// <item><see cref="Attempt"/>: one try, under a circuit breaker shared by all the engine's requests and a timeout of
/// <see cref="OpenAIEngineOptions.Timeout"/>. Partial decodes use it alone: a failed preview is skipped, never
/// retried, since the next partial covers the same audio.</item>
/// <item><see cref="Kept"/>: the decodes whose text is kept (finals, cuts): retries with exponential backoff and jitter
/// around the same attempt.</item>
/// </list>
/// Each attempt is a new request (the caller's delegate builds it), so nothing needs copying between tries.
/// </summary>
internal sealed partial class BackendResilience
{
    /// <summary>Builds both pipelines; <paramref name="time"/> times the breaks, timeouts and delays.</summary>
    public BackendResilience(string engine, OpenAIEngineOptions options, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var breaker = options.CircuitBreaker;
        Attempt = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, engine, args.BreakDuration.TotalSeconds, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger, engine);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.Timeout })
            .Build();

        var kept = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.Retries > 0)
        {
            kept.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A backend's Retry-After could hold a final for a minute; the engine's own delays bound its latency.
                ShouldRetryAfterHeader = false,
                OnRetry = args =>
                {
                    Log.Retrying(logger, engine, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Result is { } failed ? "HTTP " + ((int)failed.StatusCode).ToString(CultureInfo.InvariantCulture)
                            : args.Outcome.Exception?.GetType().Name ?? "unknown");
                    // The failed answer is not read any further.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        Kept = kept.AddPipeline(Attempt).Build();
    }

    /// <summary>One try under the shared circuit breaker and the timeout (partials).</summary>
    public ResiliencePipeline<HttpResponseMessage> Attempt { get; }

    /// <summary>Retries around <see cref="Attempt"/> (finals and cuts).</summary>
    public ResiliencePipeline<HttpResponseMessage> Kept { get; }
}
