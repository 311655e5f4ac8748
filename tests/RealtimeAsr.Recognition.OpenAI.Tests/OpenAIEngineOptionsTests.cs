namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>Settings are checked when the engine is created; each error names the setting and the fix.</summary>
public sealed class OpenAIEngineOptionsTests
{
    private static OpenAIEngineOptions Valid() => new() { BaseUrl = "http://vllm:8000/v1", Model = "Qwen/Qwen3-ASR-1.7B" };

    [Fact]
    public void The_defaults_with_an_address_and_a_model_are_valid_and_serve_the_protocols_27_languages()
    {
        var options = Valid();

        options.Validate();

        Assert.Equal(27, options.EffectiveLanguages.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal(64, options.MaxConcurrentRequests);
        Assert.Equal(2, options.Retries);
        Assert.Equal(0f, options.Temperature);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Streaming.MaxWindow);
    }

    [Theory]
    [InlineData("", "BaseUrl is required")]
    [InlineData("vllm:8000/v1", "BaseUrl 'vllm:8000/v1' is not an http:// or https:// address")]
    [InlineData("ftp://vllm/v1", "BaseUrl 'ftp://vllm/v1' is not an http:// or https:// address")]
    [InlineData("http://vllm/v1?x=1", "BaseUrl 'http://vllm/v1?x=1' is not an http:// or https:// address")]
    public void A_missing_or_bad_address_is_refused(string baseUrl, string message)
    {
        var options = Valid();
        options.BaseUrl = baseUrl;

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("BaseUrl", error.ParamName);
    }

    [Fact]
    public void A_missing_model_is_refused()
    {
        var options = Valid();
        options.Model = " ";

        Assert.StartsWith("Model is required", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Timeout", "Timeout is 00:00:00; it must be at least 10 ms.")]
    [InlineData("MaxConcurrentRequests", "MaxConcurrentRequests is 0; it must be 1 or more.")]
    [InlineData("Retries", "Retries is -1; it must be between 0 and 10.")]
    [InlineData("RetryDelay", "RetryDelay is -00:00:01; it must be zero or more.")]
    [InlineData("Temperature", "Temperature is 1.5; it must be between 0 and 1.")]
    [InlineData("Languages", "Languages is xx; it must be one of the protocol's codes")]
    [InlineData("CircuitBreaker.FailureRatio", "CircuitBreaker.FailureRatio is 0; it must be above 0 and at most 1.")]
    [InlineData("CircuitBreaker.MinimumThroughput", "CircuitBreaker.MinimumThroughput is 1; it must be 2 or more.")]
    [InlineData("CircuitBreaker.BreakDuration", "CircuitBreaker.BreakDuration is 00:00:00.1000000; it must be at least 0.5 s.")]
    [InlineData("Streaming.PauseCutAfter", "Streaming.PauseCutAfter is out of range: 00:00:40.")]
    [InlineData("Streaming.MaxWindow", "Streaming.MaxWindow is 00:20:00; it must be at most 00:13:00")]
    public void A_setting_out_of_range_is_named(string setting, string message)
    {
        var options = Valid();
        switch (setting)
        {
            case "Timeout": options.Timeout = TimeSpan.Zero; break;
            case "MaxConcurrentRequests": options.MaxConcurrentRequests = 0; break;
            case "Retries": options.Retries = -1; break;
            case "RetryDelay": options.RetryDelay = TimeSpan.FromSeconds(-1); break;
            case "Temperature": options.Temperature = 1.5f; break;
            case "Languages": options.Languages = ["en", "xx"]; break;
            case "CircuitBreaker.FailureRatio": options.CircuitBreaker.FailureRatio = 0; break;
            case "CircuitBreaker.MinimumThroughput": options.CircuitBreaker.MinimumThroughput = 1; break;
            case "CircuitBreaker.BreakDuration": options.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(100); break;
            case "Streaming.PauseCutAfter": options.Streaming.PauseCutAfter = TimeSpan.FromSeconds(40); break;
            default: options.Streaming.MaxWindow = TimeSpan.FromMinutes(20); break;
        }

        Assert.StartsWith(message, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_languages_are_the_ones_served()
    {
        var options = Valid();
        options.Languages = ["en", "zh"];

        options.Validate();

        Assert.Equal(["en", "zh"], options.EffectiveLanguages.Order(StringComparer.Ordinal));
    }
}
