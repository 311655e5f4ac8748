using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// Keeps the server's warnings and errors for the report: during a benchmark the server should log none, and any it
/// does log explains an odd number.
/// </summary>
internal sealed class ServerLogCounter : ILoggerProvider
{
    private const int KeptMessages = 20;

    private readonly ConcurrentQueue<string> _messages = new();
    private int _count;

    /// <summary>Warnings and errors logged so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The first few of them, as "Level Category: message".</summary>
    public IReadOnlyList<string> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Add(string message)
    {
        if (Interlocked.Increment(ref _count) <= KeptMessages)
        {
            _messages.Enqueue(message);
        }
    }
}
