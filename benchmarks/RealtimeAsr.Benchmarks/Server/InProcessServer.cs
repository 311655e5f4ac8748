using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Server;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>The real server (Kestrel, sessions, Silero VAD, PocketSphinx) on a free loopback port of this process.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    public const string ApiKey = "benchmark-key";

    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, ServerLogCounter log)
    {
        _app = app;
        Log = log;
        var address = new Uri(app.Urls.First());
        RealtimeUri = new Uri($"ws://{address.Authority}{RealtimeEndpoint.Path}?model=qwen3-asr-flash-realtime");
        Engine = app.Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();
        Workers = app.Services.GetRequiredService<RecognitionWorkers>();
    }

    /// <summary>The realtime endpoint with the standard model.</summary>
    public Uri RealtimeUri { get; }

    /// <summary>The server's engine, to watch its decoder pool.</summary>
    public PocketSphinxRecognizer Engine { get; }

    /// <summary>The server's CPU slots for recognition work.</summary>
    public RecognitionWorkers Workers { get; }

    /// <summary>Warnings and errors the server logged.</summary>
    public ServerLogCounter Log { get; }

    /// <summary>Starts the server; <see langword="null"/> settings keep the server's defaults.</summary>
    public static async Task<InProcessServer> StartAsync(int? maxDecoders, int? workers, CancellationToken cancellationToken)
    {
        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--RealtimeAsr:ApiKeys:0={ApiKey}",
            "--Logging:LogLevel:Default=Warning",
        ];
        if (maxDecoders is { } decoders)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--RealtimeAsr:PocketSphinx:MaxDecoders={decoders}"));
        }

        if (workers is { } slots)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--RealtimeAsr:RecognitionWorkers={slots}"));
        }

        var log = new ServerLogCounter();
        var app = RealtimeAsrServerHost.Build([.. args], builder =>
        {
            // Standard output carries the report: the server's log goes to standard error, and is counted.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddProvider(log);
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new InProcessServer(app, log);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
