using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Sessions;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Tests that start servers of their own, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OwnServers
{
    public const string Name = "own servers";
}

/// <summary>
/// A real server (Kestrel on a loopback port, the real engine and VAD) with settings chosen by one test, and what the
/// hardening tests watch from outside the protocol: the bytes the server has read off its connections, the realtime
/// requests that ended, what it logged, and its recognition workers (held to stall every session at its next step).
/// </summary>
public sealed class HardeningServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _ended = new(0);
    private WebApplication? _app;
    private long _bytesRead;

    private HardeningServer()
    {
    }

    /// <summary>One log entry of the server.</summary>
    public sealed record LogEntry(LogLevel Level, string Category, int EventId, string Message, Exception? Exception);

    /// <summary>Everything logged at Information or above, and the connections' own Debug entries.</summary>
    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    /// <summary>Bytes the server has consumed from all its client connections (handshakes included).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public IServiceProvider Services => _app!.Services;

    public PocketSphinxRecognizer Engine => Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();

    /// <summary>Starts a server with <paramref name="settings"/> (<c>--RealtimeAsr:…=…</c>) on top of the test defaults.</summary>
    public static async Task<HardeningServer> StartAsync(params string[] settings)
    {
        var server = new HardeningServer();
        server._app = RealtimeAsrServerHost.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--RealtimeAsr:ApiKeys:0={ServerFixture.ApiKey}",
            "--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:RealtimeAsr.Sessions=Warning", "--Logging:LogLevel:RealtimeAsr.Server.RealtimeConnection=Debug",
            .. settings,
        ], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingLoggerProvider(server.Logs));
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => context =>
            {
                context.Transport = new CountingTransport(context.Transport, bytes => Interlocked.Add(ref server._bytesRead, bytes));
                return next(context);
            })));
            builder.Services.AddSingleton<IStartupFilter>(new RequestEndTracker(server._ended));
        });
        await server._app.StartAsync();
        return server;
    }

    /// <summary>Opens a raw WebSocket session with the right key.</summary>
    public Task<RawRealtimeClient> ConnectAsync() =>
        RawRealtimeClient.ConnectAsync(new Uri($"ws://{new Uri(_app!.Urls.First()).Authority}{RealtimeEndpoint.Path}?model={ServerFixture.Model}"), ServerFixture.ApiKey);

    /// <summary>Waits for the next realtime request (a WebSocket connection) to end on the server side.</summary>
    public Task<bool> ConnectionEndedAsync(TimeSpan timeout) => _ended.WaitAsync(timeout);

    /// <summary>Entries at Error or above, for "no unhandled exception, no error spam" checks.</summary>
    public IReadOnlyList<LogEntry> Errors => Logs.Where(e => e.Level >= LogLevel.Error).ToList();

    /// <summary>Waits until the server has read at least <paramref name="bytes"/> from its connections.</summary>
    public async Task WaitUntilReadAsync(long bytes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (BytesRead < bytes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The server read {BytesRead} bytes, not {bytes}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <see cref="BytesRead"/> until it stays the same for a second: the server has stopped reading.</summary>
    public async Task<long> WaitUntilReadingStopsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = BytesRead;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            var now = BytesRead;
            if (now != last)
            {
                (last, stableSince) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - stableSince >= TimeSpan.FromSeconds(1))
            {
                break;
            }
        }

        return last;
    }

    /// <summary>
    /// Takes every recognition slot until disposed: every session stops at its next CPU step (decoding an append), so
    /// what clients send meanwhile can only queue.
    /// </summary>
    public IDisposable HoldAllWorkers()
    {
        var workers = Services.GetRequiredService<RecognitionWorkers>();
        var release = new ManualResetEventSlim();
        var held = new CountdownEvent(workers.Capacity);
        var holders = Enumerable.Range(0, workers.Capacity).Select(_ => Task.Factory.StartNew(
            () => workers.RunAsync(0, _ =>
            {
                held.Signal();
                release.Wait();
                return 0;
            }, CancellationToken.None).AsTask().GetAwaiter().GetResult(),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Assert.True(held.Wait(TimeSpan.FromSeconds(30)), "The recognition workers could not be taken.");
        return new WorkerHold(release, holders, held);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private sealed class WorkerHold(ManualResetEventSlim release, Task[] holders, CountdownEvent held) : IDisposable
    {
        public void Dispose()
        {
            release.Set();
            Task.WaitAll(holders);
            release.Dispose();
            held.Dispose();
        }
    }

    /// <summary>Counts the bytes the server's HTTP layer consumes from a connection.</summary>
    private sealed class CountingTransport(IDuplexPipe inner, Action<long> onRead) : IDuplexPipe
    {
        public PipeReader Input { get; } = new CountingReader(inner.Input, onRead);

        public PipeWriter Output => inner.Output;

        private sealed class CountingReader(PipeReader inner, Action<long> onRead) : PipeReader
        {
            private ReadOnlySequence<byte> _last;

            public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
            {
                var result = await inner.ReadAsync(cancellationToken);
                _last = result.Buffer;
                return result;
            }

            public override bool TryRead(out ReadResult result)
            {
                if (!inner.TryRead(out result))
                {
                    return false;
                }

                _last = result.Buffer;
                return true;
            }

            public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

            public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
            {
                onRead(_last.Slice(_last.Start, consumed).Length);
                _last = default;
                inner.AdvanceTo(consumed, examined);
            }

            public override void CancelPendingRead() => inner.CancelPendingRead();

            public override void Complete(Exception? exception = null) => inner.Complete(exception);

            public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
        }
    }

    /// <summary>Signals each end of a realtime request, whatever ended it.</summary>
    private sealed class RequestEndTracker(SemaphoreSlim ended) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    if (context.Request.Path == RealtimeEndpoint.Path)
                    {
                        ended.Release();
                    }
                }
            });
            next(app);
        };
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(logLevel, category, eventId.Id, formatter(state, exception), exception));
        }
    }
}
