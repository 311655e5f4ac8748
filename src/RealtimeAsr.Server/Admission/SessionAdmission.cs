using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RealtimeAsr.Recognition;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Counts live sessions and decides, at the handshake, whether one more can be carried (<see cref="AdmissionOptions"/>):
/// a newcomer the server cannot carry in real time is refused, instead of being admitted to slow everyone down.
/// Thread-safe.
/// </summary>
public sealed class SessionAdmission
{
    // Sums of fractions such as 8 × 0.25 must not refuse the session that exactly fills the cores.
    private const double Tolerance = 1e-9;

    private readonly AdmissionOptions _options;
    private readonly int _cores;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private int _sessions;
    private double _coresInUse;

    /// <summary>Admits against <paramref name="options"/> on a machine of <paramref name="cores"/> cores.</summary>
    public SessionAdmission(AdmissionOptions options, int cores)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        _options = options;
        _cores = cores;
    }

    /// <summary>Sessions admitted and not yet ended.</summary>
    public int ActiveSessions
    {
        get
        {
            lock (_lock)
            {
                return _sessions;
            }
        }
    }

    /// <summary>The <c>Retry-After</c> of a refusal, in whole seconds.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(_options.RetryAfter.TotalSeconds));

    /// <summary>
    /// How many sessions of <paramref name="engine"/> alone the server admits: <see cref="AdmissionOptions.MaxSessions"/>
    /// when set, else what its cores carry, or <see langword="null"/> when neither limits it.
    /// </summary>
    public int? MaxSessions(ISpeechEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (_options.MaxSessions > 0)
        {
            return _options.MaxSessions;
        }

        return engine.Capabilities.StreamsPerCore is > 0 and var perCore
            ? Math.Max(1, (int)Math.Floor((_cores * perCore) + Tolerance))
            : null;
    }

    /// <summary>
    /// Admits one session of <paramref name="model"/> served by <paramref name="engine"/> for the API key
    /// <paramref name="key"/> (<see langword="null"/> on a server without keys), or says why not. Disposing
    /// <paramref name="ticket"/> ends the session's place.
    /// </summary>
    public bool TryAdmit(
        string model,
        ISpeechEngine engine,
        string? key,
        [NotNullWhen(true)] out IDisposable? ticket,
        [NotNullWhen(false)] out AdmissionRefusal? refusal)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(engine);
        var cost = engine.Capabilities.StreamsPerCore is > 0 and var perCore ? 1 / perCore : 0;
        lock (_lock)
        {
            refusal = Check(model, engine, key, cost);
            if (refusal is not null)
            {
                ticket = null;
                return false;
            }

            _sessions++;
            _coresInUse += cost;
            Add(_byModel, model, 1);
            if (key is not null)
            {
                Add(_byKey, key, 1);
            }
        }

        ticket = new Ticket(this, model, key, cost);
        return true;
    }

    private AdmissionRefusal? Check(string model, ISpeechEngine engine, string? key, double cost)
    {
        var retry = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (key is not null && _options.MaxSessionsPerKey > 0 && Count(_byKey, key) >= _options.MaxSessionsPerKey)
        {
            return new AdmissionRefusal(StatusCodes.Status429TooManyRequests, "Throttling.AllocationQuota", RefusalReasons.KeyQuota,
                $"This API key already holds {Count(_byKey, key)} live sessions, its limit (RealtimeAsr:Limits:MaxSessionsPerKey). "
                + $"Finish one, or retry in {retry} s.");
        }

        if (_options.Models.TryGetValue(model, out var limits) && limits.MaxSessions > 0 && Count(_byModel, model) >= limits.MaxSessions)
        {
            return new AdmissionRefusal(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", RefusalReasons.ModelLimit,
                $"Model '{model}' has {Count(_byModel, model)} live sessions, its limit (RealtimeAsr:Limits:Models:{model}:MaxSessions). "
                + $"Retry in {retry} s.");
        }

        var full = _options.MaxSessions > 0
            ? _sessions >= _options.MaxSessions
            : _sessions > 0 && _coresInUse + cost > _cores + Tolerance;
        if (full)
        {
            var limit = _options.MaxSessions > 0
                ? "RealtimeAsr:Limits:MaxSessions"
                : $"what {_cores} cores carry in real time; engine '{engine.Name}' takes {MaxSessions(engine)}";
            return new AdmissionRefusal(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", RefusalReasons.Capacity,
                $"The server is at capacity with {_sessions} live sessions ({limit}). Retry in {retry} s, or connect to another server.");
        }

        return null;
    }

    private void Release(string model, string? key, double cost)
    {
        lock (_lock)
        {
            _sessions--;
            // Rounding must not leave a little load behind once everyone has left.
            _coresInUse = _sessions == 0 ? 0 : _coresInUse - cost;
            Add(_byModel, model, -1);
            if (key is not null)
            {
                Add(_byKey, key, -1);
            }
        }
    }

    private static int Count(Dictionary<string, int> counts, string name) => counts.GetValueOrDefault(name);

    private static void Add(Dictionary<string, int> counts, string name, int delta)
    {
        var count = counts.GetValueOrDefault(name) + delta;
        if (count == 0)
        {
            counts.Remove(name);
        }
        else
        {
            counts[name] = count;
        }
    }

    private sealed class Ticket(SessionAdmission admission, string model, string? key, double cost) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release(model, key, cost);
            }
        }
    }
}
