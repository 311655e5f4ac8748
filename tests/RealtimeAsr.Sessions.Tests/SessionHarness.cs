using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>
/// Drives a <see cref="RealtimeSession"/> without a socket: commands in, server events out, with a scripted engine
/// (<see cref="FakeRecognizer"/>) and the real Silero VAD model.
/// </summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    private static readonly Lazy<SileroVadModel> s_vadModel = new(() => new SileroVadModel(FindVadModel()));

    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private readonly CancellationTokenSource _clientGone = new();
    private readonly Task _run;

    public SessionHarness(FakeRecognizer recognizer, RealtimeSessionOptions options, RecognitionWorkers? workers = null)
    {
        Recognizer = recognizer;
        Workers = workers ?? new RecognitionWorkers(2);
        Session = new RealtimeSession(ServerFixtureModel, new IncrementalSpeechEngine(recognizer.Name, recognizer), s_vadModel.Value, Workers, options, _events.Writer, new CapturingLogger<RealtimeSession>(Logs));
        _run = Task.Run(() => Session.RunAsync(_clientGone.Token));
    }

    public const string ServerFixtureModel = "qwen3-asr-flash-realtime";

    public FakeRecognizer Recognizer { get; }

    public RecognitionWorkers Workers { get; }

    public RealtimeSession Session { get; }

    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Logs { get; } = new();

    /// <summary>Options with short, test-chosen limits.</summary>
    public static RealtimeSessionOptions Options(TimeSpan? idle = null, TimeSpan? decoderWait = null) => new()
    {
        IdleUtteranceTimeout = idle ?? TimeSpan.FromMinutes(5),
        DecoderWaitTimeout = decoderWait ?? TimeSpan.FromMinutes(5),
    };

    public ValueTask PostAsync(SessionCommand command) => Session.PostAsync(command, CancellationToken.None);

    public ValueTask ManualModeAsync() => UpdateAsync("""{"turn_detection":null}""");

    public ValueTask UpdateAsync(string sessionJson)
    {
        using var document = JsonDocument.Parse(sessionJson);
        return PostAsync(new UpdateSession("event_update", document.RootElement.Clone()));
    }

    /// <summary>Appends 16 kHz PCM samples in one event.</summary>
    public ValueTask AppendAsync(ReadOnlySpan<short> samples, string? eventId = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(2 * i), samples[i]);
        }

        return PostAsync(new AppendAudio(eventId, buffer, samples.Length * 2));
    }

    /// <summary>The next event; fails the test after <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<ServerEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _events.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Events up to and including the first of <paramref name="type"/>.</summary>
    public async Task<List<ServerEvent>> UntilAsync(string type, TimeSpan? timeout = null)
    {
        List<ServerEvent> events = [];
        while (true)
        {
            var next = await NextAsync(timeout);
            events.Add(next);
            if (next.Type == type)
            {
                return events;
            }
        }
    }

    /// <summary>Ends the input and waits for the session loop to end.</summary>
    public async Task CompleteAsync()
    {
        Session.CompleteInput();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Session.CompleteInput();
        await _clientGone.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
        }

        Session.Dispose();
        _clientGone.Dispose();
    }

    /// <summary>Samples 1, 2, 3, … (wrapping), so that a decoder's input shows where each sample came from.</summary>
    public static short[] Numbered(int count, int first = 1) => Enumerable.Range(first, count).Select(i => (short)(i % 30000)).ToArray();

    private static string FindVadModel()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, SileroVadModel.DefaultRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Silero VAD model not found: run scripts/setup.sh to download {SileroVadModel.DefaultRelativePath}.");
    }

    private sealed class CapturingLogger<T>(ConcurrentQueue<(LogLevel, int, string)> entries) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
    }
}

/// <summary>
/// An engine with a fixed number of decoders that records what each one is given. Its transcript says how many samples
/// it heard, so a test can tell whether all audio arrived.
/// </summary>
internal sealed class FakeRecognizer(int decoders) : ISpeechRecognizer
{
    private readonly SemaphoreSlim _decoders = new(decoders);
    private int _waiting;

    public string Name => "fake";

    public IReadOnlySet<string> SupportedLanguages { get; } = new HashSet<string> { "en" };

    /// <summary>Every decoder lent, in order.</summary>
    public ConcurrentQueue<FakeDecoder> Lent { get; } = new();

    /// <summary>Decoders free now.</summary>
    public int Free => _decoders.CurrentCount;

    /// <summary>Utterances waiting for a decoder now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Makes one more decoder available.</summary>
    public void AddDecoder() => _decoders.Release();

    /// <summary>How many of the next final passes throw, as an engine that fails on some audio does.</summary>
    public int FailingCompletions { get; set; }

    /// <summary>What a failing final pass throws; by default an engine's own error.</summary>
    public Func<Exception> CompletionFailure { get; set; } = () => new InvalidOperationException("The fake engine fails on this utterance.");

    public IRecognitionSession CreateSession() => new Session(this);

    public ValueTask<IUtteranceDecoder> StartAsync(RecognitionOptions options, CancellationToken cancellationToken) => RentAsync(cancellationToken);

    private async ValueTask<IUtteranceDecoder> RentAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _decoders.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var decoder = new FakeDecoder(() => _decoders.Release(), FailingCompletions-- > 0 ? CompletionFailure() : null);
        Lent.Enqueue(decoder);
        return decoder;
    }

    private sealed class Session(FakeRecognizer recognizer) : IRecognitionSession
    {
        public ValueTask<IUtteranceDecoder> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
            recognizer.RentAsync(cancellationToken);

        public void Dispose()
        {
        }
    }
}

/// <summary>A decoder of <see cref="FakeRecognizer"/>.</summary>
internal sealed class FakeDecoder(Action giveBack, Exception? failure = null) : IUtteranceDecoder
{
    private int _returned;

    public List<int> AcceptSizes { get; } = [];

    public List<short> Samples { get; } = [];

    public bool Completed { get; private set; }

    public bool Abandoned { get; private set; }

    public bool Returned => Volatile.Read(ref _returned) == 1;

    public void Accept(ReadOnlySpan<short> samples)
    {
        lock (Samples)
        {
            AcceptSizes.Add(samples.Length);
            Samples.AddRange(samples);
        }
    }

    public string GetPartial() => $"heard {Samples.Count}";

    public string Complete()
    {
        if (failure is not null)
        {
            throw failure;
        }

        Completed = true;
        return $"heard {Samples.Count}";
    }

    public void Abandon()
    {
        Abandoned = true;
        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            giveBack();
        }
    }
}
