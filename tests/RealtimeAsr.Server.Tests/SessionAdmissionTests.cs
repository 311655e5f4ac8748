using RealtimeAsr.Recognition;

namespace RealtimeAsr.Server.Tests;

/// <summary>The admission arithmetic of <see cref="SessionAdmission"/>, with engines that only declare their capacity.</summary>
public sealed class SessionAdmissionTests
{
    private static readonly ISpeechEngine FourPerCore = new CapacityOnlyEngine("four", 4);
    private static readonly ISpeechEngine HalfPerCore = new CapacityOnlyEngine("half", 0.5);

    [Fact]
    public void By_default_as_many_sessions_are_admitted_as_the_cores_carry_and_a_place_comes_back_when_one_ends()
    {
        var admission = new SessionAdmission(new AdmissionOptions(), cores: 2);

        var tickets = Enumerable.Range(0, 8).Select(_ => Admit(admission, "m", FourPerCore)).ToList();
        Assert.False(admission.TryAdmit("m", FourPerCore, null, out _, out var refusal));

        Assert.Equal((503, "ServiceUnavailable", "capacity"), (refusal.StatusCode, refusal.Code, refusal.Reason));
        Assert.Equal(
            "The server is at capacity with 8 live sessions (what 2 cores carry in real time; engine 'four' takes 8). Retry in 10 s, or connect to another server.",
            refusal.Message);
        Assert.Equal(8, admission.MaxSessions(FourPerCore));
        tickets[3].Dispose();
        tickets[3].Dispose();
        Assert.Equal(7, admission.ActiveSessions);
        Admit(admission, "m", FourPerCore);
        Assert.False(admission.TryAdmit("m", FourPerCore, null, out _, out _));
    }

    [Fact]
    public void Engines_share_the_cores_by_what_each_session_costs()
    {
        var admission = new SessionAdmission(new AdmissionOptions(), cores: 2);

        // A session of an engine carrying half a talker per core takes two cores' worth of four-per-core sessions.
        Admit(admission, "slow", HalfPerCore);
        Assert.False(admission.TryAdmit("fast", FourPerCore, null, out _, out _));
        Assert.Equal(1, admission.MaxSessions(HalfPerCore));
    }

    [Fact]
    public void An_idle_server_admits_one_session_of_an_engine_too_slow_for_its_cores()
    {
        var admission = new SessionAdmission(new AdmissionOptions(), cores: 1);
        var crawling = new CapacityOnlyEngine("crawling", 0.1);

        Admit(admission, "m", crawling);
        Assert.False(admission.TryAdmit("m", crawling, null, out _, out _));
        Assert.Equal(1, admission.MaxSessions(crawling));
    }

    [Fact]
    public void An_engine_of_unknown_capacity_is_not_limited_by_default_but_by_MaxSessions_when_set()
    {
        var unknown = new CapacityOnlyEngine("remote", null);
        var unlimited = new SessionAdmission(new AdmissionOptions(), cores: 1);
        for (var i = 0; i < 100; i++)
        {
            Admit(unlimited, "m", unknown);
        }

        Assert.Null(unlimited.MaxSessions(unknown));

        var limited = new SessionAdmission(new AdmissionOptions { MaxSessions = 3 }, cores: 1);
        for (var i = 0; i < 3; i++)
        {
            Admit(limited, "m", unknown);
        }

        Assert.False(limited.TryAdmit("m", unknown, null, out _, out var refusal));
        Assert.Contains("(RealtimeAsr:Limits:MaxSessions)", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(3, limited.MaxSessions(FourPerCore));
    }

    [Fact]
    public void A_key_over_its_quota_gets_429_and_other_keys_are_still_admitted()
    {
        var admission = new SessionAdmission(new AdmissionOptions { MaxSessionsPerKey = 2, RetryAfter = TimeSpan.FromSeconds(2.5) }, cores: 4);

        Admit(admission, "m", FourPerCore, "key-a");
        Admit(admission, "m", FourPerCore, "key-a");
        Assert.False(admission.TryAdmit("m", FourPerCore, "key-a", out _, out var refusal));
        Admit(admission, "m", FourPerCore, "key-b");

        Assert.Equal((429, "Throttling.AllocationQuota", "key_quota"), (refusal.StatusCode, refusal.Code, refusal.Reason));
        Assert.Equal("This API key already holds 2 live sessions, its limit (RealtimeAsr:Limits:MaxSessionsPerKey). Finish one, or retry in 3 s.", refusal.Message);
        Assert.Equal(3, admission.RetryAfterSeconds);
    }

    [Fact]
    public void A_model_at_its_own_limit_is_refused_while_other_models_are_admitted()
    {
        var options = new AdmissionOptions();
        options.Models["small"] = new ModelLimits { MaxSessions = 1 };
        var admission = new SessionAdmission(options, cores: 4);

        using var first = Admit(admission, "small", FourPerCore);
        Assert.False(admission.TryAdmit("small", FourPerCore, null, out _, out var refusal));
        Admit(admission, "other", FourPerCore);

        Assert.Equal((503, "model_limit"), (refusal.StatusCode, refusal.Reason));
        Assert.StartsWith("Model 'small' has 1 live sessions, its limit (RealtimeAsr:Limits:Models:small:MaxSessions).", refusal.Message, StringComparison.Ordinal);
    }

    private static IDisposable Admit(SessionAdmission admission, string model, ISpeechEngine engine, string? key = null)
    {
        Assert.True(admission.TryAdmit(model, engine, key, out var ticket, out var refusal), refusal?.Message);
        return ticket;
    }

    private sealed class CapacityOnlyEngine(string name, double? streamsPerCore) : ISpeechEngine
    {
        public string Name => name;

        public EngineCapabilities Capabilities { get; } = new() { Languages = new HashSet<string> { "en" }, StreamsPerCore = streamsPerCore };

        public ISpeechEngineSession OpenSession(IRecognitionWorkers workers) => throw new NotSupportedException();

        public ValueTask WarmUpAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
