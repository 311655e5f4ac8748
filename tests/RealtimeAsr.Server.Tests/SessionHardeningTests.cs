using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The session hardening tests (Session*HardeningTests) start servers of their own, with limits chosen by each test,
/// and run one at a time, after the parallel tests: they hold decoders, workers and shutdowns on purpose.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionHardeningTests
{
    public const string Name = "session hardening";
}

/// <summary>
/// A real server (Kestrel, PocketSphinx, Silero VAD) with settings chosen by one test, whose engine is wrapped in an
/// <see cref="InstrumentedRecognizer"/> and whose log is captured.
/// </summary>
public sealed class SessionHardeningServer : IAsyncDisposable
{
    private WebApplication? _app;

    private SessionHardeningServer()
    {
    }

    /// <summary>Everything logged at Debug or above: level, category, event id, message.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, int EventId, string Message)> Logs { get; } = new();

    /// <summary>The engine as the server uses it.</summary>
    public InstrumentedRecognizer Engine { get; private set; } = null!;

    /// <summary>The real engine inside it: decoder counts, and direct decoding for reference transcripts.</summary>
    public PocketSphinxRecognizer PocketSphinx => Engine.Inner;

    public IServiceProvider Services => _app!.Services;

    /// <summary>
    /// Starts a server with <paramref name="settings"/> (<c>--RealtimeAsr:…=…</c>); <paramref name="shutdownTimeout"/>
    /// is the host's graceful-shutdown limit (ASP.NET Core's default is 30 s); <paramref name="decoderLoading"/> is called
    /// on the engine's loader thread as each decoder starts loading (a test holds a load open with it).
    /// </summary>
    public static async Task<SessionHardeningServer> StartAsync(string[] settings, TimeSpan? shutdownTimeout = null, Action? decoderLoading = null)
    {
        var server = new SessionHardeningServer();
        server._app = RealtimeAsrServerHost.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--RealtimeAsr:ApiKeys:0={ServerFixture.ApiKey}", "--RealtimeAsr:FinishedCloseTimeout=00:00:02",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:RealtimeAsr=Debug",
            .. settings,
        ], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CapturingLoggerProvider(server.Logs));
            builder.Services.RemoveAll<ISpeechRecognizer>();
            builder.Services.AddSingleton<ISpeechRecognizer>(services =>
                server.Engine = new InstrumentedRecognizer(new PocketSphinxRecognizer(services.GetRequiredService<IOptions<PocketSphinxOptions>>().Value, decoderLoading)));
            if (shutdownTimeout is { } timeout)
            {
                builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
            }
        });
        await server._app.StartAsync();
        return server;
    }

    /// <summary>Opens a raw WebSocket session with the right key.</summary>
    public Task<RawRealtimeClient> ConnectAsync() =>
        RawRealtimeClient.ConnectAsync(new Uri($"ws://{new Uri(_app!.Urls.First()).Authority}{RealtimeEndpoint.Path}?model={ServerFixture.Model}"), ServerFixture.ApiKey);

    /// <summary>Stops the server (graceful shutdown, then the singletons are disposed).</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(LogLevel, string, int, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, int, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, category, eventId.Id, formatter(state, exception)));
        }
    }
}

/// <summary>
/// The real engine, watched: every <see cref="IUtteranceDecoder.Accept"/> is recorded in call order with the session
/// that made it and its size; calls can be held at a gate (standing in for a long native call); and disposing the
/// engine while a call is inside it is recorded.
/// </summary>
public sealed class InstrumentedRecognizer(PocketSphinxRecognizer inner) : ISpeechRecognizer, IDisposable
{
    private int _sessions;
    private int _inCall;

    /// <summary>Every call of Accept, in order: the calling recognition session (numbered from 1) and its samples.</summary>
    public ConcurrentQueue<(int Session, int Samples)> Accepts { get; } = new();

    /// <summary>When set, every Accept waits for it before going on.</summary>
    public ManualResetEventSlim? Gate { get; set; }

    /// <summary>Accept calls under way now.</summary>
    public int InCall => Volatile.Read(ref _inCall);

    /// <summary>Whether the engine was disposed, and whether a call was under way at that moment.</summary>
    public (bool Disposed, bool WhileInCall) Disposal { get; private set; }

    public PocketSphinxRecognizer Inner => inner;

    public string Name => inner.Name;

    public IReadOnlySet<string> SupportedLanguages => inner.SupportedLanguages;

    public IRecognitionSession CreateSession() => new Session(this, inner.CreateSession(), Interlocked.Increment(ref _sessions));

    public ValueTask<IUtteranceDecoder> StartAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
        inner.StartAsync(options, cancellationToken);

    public void Dispose()
    {
        Disposal = (true, InCall > 0);
        inner.Dispose();
    }

    private sealed class Session(InstrumentedRecognizer owner, IRecognitionSession inner, int number) : IRecognitionSession
    {
        public async ValueTask<IUtteranceDecoder> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
            new Decoder(owner, await inner.StartUtteranceAsync(options, cancellationToken), number);

        public void Dispose() => inner.Dispose();
    }

    private sealed class Decoder(InstrumentedRecognizer owner, IUtteranceDecoder inner, int session) : IUtteranceDecoder
    {
        public void Accept(ReadOnlySpan<short> samples)
        {
            Interlocked.Increment(ref owner._inCall);
            try
            {
                owner.Accepts.Enqueue((session, samples.Length));
                owner.Gate?.Wait();
                inner.Accept(samples);
            }
            finally
            {
                Interlocked.Decrement(ref owner._inCall);
            }
        }

        public string GetPartial() => inner.GetPartial();

        public string Complete() => inner.Complete();

        public void Abandon() => inner.Abandon();

        public void Dispose() => inner.Dispose();
    }
}
