using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Recognition.Whisper;
using RealtimeAsr.Server;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// The real server (Kestrel, sessions, Silero VAD, and PocketSphinx or a Whisper engine as its default engine) on a free
/// loopback port of this process.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    public const string ApiKey = "benchmark-key";

    /// <summary>The session limit while measuring: above every session count the benchmark accepts.</summary>
    public const int MeasuredSessionLimit = 1000;

    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, ServerLogCounter log, WhisperDecodeCounter whisperDecodes, bool whisper)
    {
        _app = app;
        Log = log;
        WhisperDecodes = whisperDecodes;
        var address = new Uri(app.Urls.First());
        RealtimeUri = new Uri($"ws://{address.Authority}{RealtimeEndpoint.Path}?model=qwen3-asr-flash-realtime");
        if (whisper)
        {
            var engine = (WhisperEngine)app.Services.GetRequiredService<EngineRegistry>()[WhisperSettings.EngineName].Engine!;
            Pool = new EnginePool("Whisper decodes running", engine.MaxConcurrentDecodes, () => engine.DecodesRunning);
            Whisper = engine;
        }
        else
        {
            var engine = app.Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();
            Pool = new EnginePool("PocketSphinx decoders lent", engine.MaxDecoders, () => engine.DecodersInUse);
        }

        Workers = app.Services.GetRequiredService<RecognitionWorkers>();
        var defaultEngine = app.Services.GetRequiredService<ModelCatalog>().Resolve("qwen3-asr-flash-realtime")!.Value.Entry.Engine!;
        AdmittedByDefault = new SessionAdmission(new AdmissionOptions(), Environment.ProcessorCount).MaxSessions(defaultEngine);
    }

    /// <summary>Live sessions the server would admit with its default limits (<see langword="null"/>: no limit).</summary>
    public int? AdmittedByDefault { get; }

    /// <summary>The realtime endpoint with the standard model.</summary>
    public Uri RealtimeUri { get; }

    /// <summary>What sessions queue for in the server's engine: PocketSphinx's decoder pool or Whisper's decodes.</summary>
    public EnginePool Pool { get; }

    /// <summary>The server's Whisper engine when it runs one, else <see langword="null"/>.</summary>
    public WhisperEngine? Whisper { get; }

    /// <summary>The decodes the server's Whisper engine ran, by kind (empty for PocketSphinx).</summary>
    public WhisperDecodeCounter WhisperDecodes { get; }

    /// <summary>The server's CPU slots for recognition work.</summary>
    public RecognitionWorkers Workers { get; }

    /// <summary>Warnings and errors the server logged.</summary>
    public ServerLogCounter Log { get; }

    /// <summary>
    /// Starts the server; <see langword="null"/> settings keep the server's defaults, and with <paramref name="whisper"/>
    /// its default engine is a Whisper engine instead of the embedded PocketSphinx.
    /// </summary>
    public static async Task<InProcessServer> StartAsync(int? maxDecoders, int? workers, WhisperSettings? whisper, CancellationToken cancellationToken)
    {
        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--RealtimeAsr:ApiKeys:0={ApiKey}",
            "--Logging:LogLevel:Default=Warning",
            // Measuring past the capacity is the point of the concurrency runs: admission control is lifted.
            string.Create(CultureInfo.InvariantCulture, $"--RealtimeAsr:Limits:MaxSessions={MeasuredSessionLimit}"),
        ];
        if (maxDecoders is { } decoders)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--RealtimeAsr:PocketSphinx:MaxDecoders={decoders}"));
        }

        if (workers is { } slots)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--RealtimeAsr:RecognitionWorkers={slots}"));
        }

        if (whisper is not null)
        {
            args.AddRange(whisper.ServerArguments());
            // Every decode is logged at Debug: counted by kind, not printed.
            args.Add($"--Logging:LogLevel:{WhisperDecodeCounter.Category}=Debug");
        }

        var log = new ServerLogCounter();
        var decodes = new WhisperDecodeCounter();
        var app = RealtimeAsrServerHost.Build([.. args], builder =>
        {
            // Standard output carries the report: the server's log goes to standard error, and is counted.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(WhisperDecodeCounter.Category, LogLevel.Warning);
            builder.Logging.AddProvider(log);
            builder.Logging.AddProvider(decodes);
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

        return new InProcessServer(app, log, decodes, whisper is not null);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
