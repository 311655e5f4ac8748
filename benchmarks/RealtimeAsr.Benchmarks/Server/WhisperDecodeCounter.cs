using Microsoft.Extensions.Logging;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.Whisper;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// Counts the decodes the server's Whisper engine runs, by kind, from its Debug log line per decode (the engine's only
/// report of them): how many partial decodes the sessions got, which the partial cadence alone cannot tell (a decode
/// whose text did not change sends nothing), and how long decodes took under load.
/// </summary>
internal sealed class WhisperDecodeCounter : ILoggerProvider
{
    /// <summary>The engine's log category.</summary>
    public static readonly string Category = typeof(WhisperEngine).FullName!;

    // WhisperEngine.Log.Decoded.
    private const int DecodedEventId = 2;

    private readonly Lock _lock = new();
    private WhisperDecodeStats _total = WhisperDecodeStats.None;

    /// <summary>The decodes logged so far.</summary>
    public WhisperDecodeStats Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName == Category ? this : null);

    public void Dispose()
    {
    }

    private void Add(WindowDecodeKind kind, double audioSeconds, double seconds)
    {
        lock (_lock)
        {
            _total = _total.With(kind, new DecodeTally(1, audioSeconds, seconds));
        }
    }

    private sealed class Logger(WhisperDecodeCounter? counter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => counter is not null && logLevel == LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (counter is null || eventId.Id != DecodedEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            WindowDecodeKind? kind = null;
            double audioMs = 0, ms = 0;
            foreach (var (key, value) in fields)
            {
                switch (key)
                {
                    case "Kind" when value is WindowDecodeKind k:
                        kind = k;
                        break;
                    case "AudioMilliseconds" when value is int audio:
                        audioMs = audio;
                        break;
                    case "Milliseconds" when value is long took:
                        ms = took;
                        break;
                }
            }

            if (kind is { } decoded)
            {
                counter.Add(decoded, audioMs / 1000, ms / 1000);
            }
        }
    }
}
