namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// When an <see cref="OpenAIEngine"/> gives a failing backend a rest (<see cref="OpenAIEngineOptions.CircuitBreaker"/>).
/// Failures are what a retry would also handle: refused connections, HTTP 5xx, 408, 429 and timeouts; a refused key
/// or a bad request is the backend's answer, not its failure.
/// </summary>
public sealed class OpenAICircuitBreakerOptions
{
    /// <summary>
    /// The share of failed requests within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5: a
    /// backend that fails every other request is not one to wait for. Range above 0, at most 1.
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// How many requests <see cref="SamplingDuration"/> must hold before the ratio counts. Default 10: about what one
    /// live session sends in 10 s (a partial a second), so even a small deployment trips on a dead backend. At least 2.
    /// </summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over. Default 10 s. At least 0.5 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the circuit stays open: items fail at once meanwhile; then one request probes the backend and its
    /// success closes the circuit. Default 5 s (Polly's): short enough that a restarted backend is used again within
    /// a few utterances. At least 0.5 s.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        const string prefix = nameof(OpenAIEngineOptions.CircuitBreaker) + ".";
        var halfSecond = TimeSpan.FromMilliseconds(500);
        EngineSettings.Require(FailureRatio is > 0 and <= 1, prefix + nameof(FailureRatio), FailureRatio, "above 0 and at most 1");
        EngineSettings.Require(MinimumThroughput >= 2, prefix + nameof(MinimumThroughput), MinimumThroughput, "2 or more");
        EngineSettings.Require(SamplingDuration >= halfSecond, prefix + nameof(SamplingDuration), SamplingDuration, "at least 0.5 s");
        EngineSettings.Require(BreakDuration >= halfSecond, prefix + nameof(BreakDuration), BreakDuration, "at least 0.5 s");
    }

    internal OpenAICircuitBreakerOptions Snapshot() => new()
    {
        FailureRatio = FailureRatio,
        MinimumThroughput = MinimumThroughput,
        SamplingDuration = SamplingDuration,
        BreakDuration = BreakDuration,
    };
}
