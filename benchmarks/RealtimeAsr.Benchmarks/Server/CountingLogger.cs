using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>Hands warnings and errors of one category to the <see cref="ServerLogCounter"/>.</summary>
internal sealed class CountingLogger(ServerLogCounter counter, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            var error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            counter.Add($"{logLevel} {category}: {formatter(state, exception)}{error}");
        }
    }
}
