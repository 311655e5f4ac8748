using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

/// <summary>
/// The state machine of one Qwen-ASR Realtime session. Client commands are queued in arrival order
/// (<see cref="PostAsync"/>) and handled one at a time by <see cref="RunAsync"/>; server events go to the writer given
/// at construction, in the order the protocol prescribes. CPU work (audio decoding, VAD, recognition) runs in slots of
/// the shared <see cref="RecognitionWorkers"/>, a second or so of audio at a time; everything that may wait (a decoder,
/// the output) happens outside them. A decoder is waited for in the background, and not beyond a pool stuck for
/// <see cref="RealtimeSessionOptions.DecoderWaitTimeout"/>, and an utterance whose client stops sending gives its decoder
/// back (<see cref="RealtimeSessionOptions.IdleUtteranceTimeout"/>), so the session keeps answering its client and
/// decoders go to sessions that use them. What one client may hold is bounded by <see cref="SessionLimits"/>. The
/// operations live in partial files: Update, Audio, Buffer, Utterances, Finish, Idle, Limits.
/// </summary>
public sealed partial class RealtimeSession : IDisposable
{
    private readonly Channel<SessionCommand> _commands;
    private readonly ChannelWriter<ServerEvent> _events;
    private readonly ISpeechEngine _engine;
    // The engine's state for this session (its adaptation to the speaker and channel), carried from one utterance to the next.
    private readonly ISpeechEngineSession _recognition;
    private readonly SileroVadModel _vadModel;
    private readonly RecognitionWorkers _workers;
    private readonly RealtimeSessionOptions _options;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Registers the session with the workers until it is disposed, so that shutdown waits for it.
    private readonly IDisposable _tracked;
    private readonly SessionMetrics? _metrics;
    // Adds up the engine's time in the workers, for the real-time factor; null without metrics.
    private readonly EngineWorkClock? _engineClock;

    private SessionSettings _settings = SessionSettings.Default;
    private IAudioInputDecoder _audioDecoder;
    private VoiceActivityDetector? _vad;
    private Utterance? _current;
    private string? _lastItemId;
    private long _clockSamples;
    private bool _finishing;
    private int _rejectedEvents;

    /// <summary>
    /// Creates a session; nothing runs until <see cref="RunAsync"/>. Its measurements go to <c>metrics</c>; none are
    /// taken without.
    /// </summary>
    public RealtimeSession(
        string model,
        ISpeechEngine engine,
        SileroVadModel vadModel,
        RecognitionWorkers workers,
        RealtimeSessionOptions options,
        ChannelWriter<ServerEvent> events,
        ILogger<RealtimeSession> logger,
        SessionMetrics? metrics = null)
    {
        // First, so that a server shutting down refuses the session before it touches the engine or the VAD model.
        _tracked = workers.TrackSession();
        Model = model;
        _engine = engine;
        _vadModel = vadModel;
        _workers = workers;
        _options = options;
        _events = events;
        _logger = logger;
        _metrics = metrics;
        _engineClock = metrics is null ? null : new EngineWorkClock(workers);
        _commands = Channel.CreateBounded<SessionCommand>(new BoundedChannelOptions(options.CommandQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        try
        {
            _recognition = engine.OpenSession(_engineClock ?? (IRecognitionWorkers)workers);
            _audioDecoder = AudioInputDecoder.Create(_settings.InputAudioFormat, _settings.SampleRate);
            _vad = CreateVad(_settings.TurnDetection);
        }
        catch
        {
            _recognition?.Dispose();
            _audioDecoder?.Dispose();
            _tracked.Dispose();
            throw;
        }
    }

    /// <summary>The session id sent in <c>session.created</c>.</summary>
    public string Id { get; } = ServerIds.NewSessionId();

    /// <summary>The model the client asked for.</summary>
    public string Model { get; }

    /// <summary>
    /// The id of the API key the session counts against (the key presented, or the one that minted the client secret
    /// presented; a fingerprint, never the key), which tags the audio it receives in the metrics so that a gateway can
    /// meter its users; <see langword="null"/> when there is none.
    /// </summary>
    public string? ApiKeyId { get; init; }

    /// <summary>The effective configuration.</summary>
    public SessionSettings Settings => _settings;

    /// <summary>Completes once <c>session.finished</c> has been written.</summary>
    public Task Finished => _finished.Task;

    /// <summary>
    /// Called once for each queued command when the session is done with it — handled, refused, or dropped because the
    /// session ended — so whoever posted it can account for the memory it held (the server bounds queued input in
    /// bytes). Runs on the session's loop: must be quick and must not throw.
    /// </summary>
    public Action<SessionCommand>? CommandConsumed { get; set; }

    /// <summary>Where the session's measurements go (the connection adds its bytes); <see langword="null"/> when none are taken.</summary>
    public SessionMetrics? Metrics => _metrics;

    /// <summary>
    /// Queues a client command; waits while the queue is full (back-pressure). The queue has a single writer: calls to
    /// this method and <see cref="CompleteInput"/> must not overlap.
    /// </summary>
    public ValueTask PostAsync(SessionCommand command, CancellationToken cancellationToken)
    {
        // Counted on arrival, not when the session gets to it: a client whose input waits is not idle.
        NoteClientActivity();
        return _commands.Writer.WriteAsync(command, cancellationToken);
    }

    /// <summary>
    /// No more commands will be posted; <see cref="RunAsync"/> ends once the queue is drained. Must not overlap a
    /// <see cref="PostAsync"/> (single writer).
    /// </summary>
    public void CompleteInput() => _commands.Writer.TryComplete();

    /// <summary>
    /// Sends <c>session.created</c>, then handles commands until the input completes or <paramref name="cancellationToken"/>
    /// fires (the client went away: the in-progress item is dropped, nothing more is sent).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.SessionStarted(_logger, Id, Model);
        await EmitAsync(new SessionCreatedEvent { Session = _settings.ToConfiguration(Id, Model) }, cancellationToken);
        _metrics?.SessionStarted(Model);
        try
        {
            while (await WaitForCommandsAsync(cancellationToken))
            {
                while (_commands.Reader.TryRead(out var command))
                {
                    try
                    {
                        await EndIfExpiredAsync(cancellationToken);
                        await HandleAsync(command, cancellationToken);
                    }
                    finally
                    {
                        CommandConsumed?.Invoke(command);
                    }
                }
            }
        }
        finally
        {
            DiscardUtterance();
            // Commands still queued after a cancellation hold pooled audio buffers.
            while (_commands.Reader.TryRead(out var left))
            {
                (left as AppendAudio)?.Release();
                CommandConsumed?.Invoke(left);
            }

            if (_rejectedEvents > 1)
            {
                Log.RejectionsCounted(_logger, Id, _rejectedEvents);
            }

            Log.SessionEnded(_logger, Id);
            _metrics?.SessionEnded(Model);
        }
    }

    private ValueTask HandleAsync(SessionCommand command, CancellationToken cancellationToken)
    {
        if (EndReason is SessionEndReason.IdleTimeout or SessionEndReason.Expired)
        {
            // The client was told why in the error before session.finished, and the connection is closing: what it sent
            // meanwhile is dropped unanswered.
            (command as AppendAudio)?.Release();
            return ValueTask.CompletedTask;
        }

        if (_finishing && command is not RejectEvent)
        {
            (command as AppendAudio)?.Release();
            return RejectAsync(command.EventId, ErrorCodes.SessionFinishing,
                "The session is finishing; no more events are accepted.", "type", cancellationToken);
        }

        return command switch
        {
            UpdateSession update => UpdateAsync(update, cancellationToken),
            AppendAudio append => AppendAsync(append, cancellationToken),
            CommitBuffer commit => CommitAsync(commit, cancellationToken),
            ClearBuffer clear => ClearAsync(clear, cancellationToken),
            FinishSession finish => FinishAsync(finish, cancellationToken),
            RejectEvent reject => RejectAsync(reject.EventId, reject.Code, reject.Message, reject.Param, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    private ValueTask RejectAsync(string? eventId, string code, string message, string? param, CancellationToken cancellationToken)
    {
        // A client can send bad events as fast as it likes: only a session's first is logged at Information, the
        // others at Debug, and their number once when the session ends.
        if (++_rejectedEvents == 1)
        {
            Log.RequestRejected(_logger, Id, code, param);
        }
        else
        {
            Log.RequestRejectedAgain(_logger, Id, code, param);
        }

        _metrics?.ErrorSent(Model, code);

        return EmitAsync(new ErrorEvent
        {
            Error = new ErrorDetail { Type = ErrorTypes.InvalidRequest, Code = code, Message = message, Param = param, EventId = eventId },
        }, cancellationToken);
    }

    private ValueTask EmitAsync(ServerEvent serverEvent, CancellationToken cancellationToken)
    {
        serverEvent.EventId = ProtocolIds.NewEventId();
        return _events.WriteAsync(serverEvent, cancellationToken);
    }

    private VoiceActivityDetector? CreateVad(TurnDetectionSettings? turnDetection) =>
        turnDetection is null ? null : new VoiceActivityDetector(_vadModel, ToVadOptions(turnDetection));

    private VoiceActivityOptions ToVadOptions(TurnDetectionSettings turnDetection) => new()
    {
        Threshold = turnDetection.Threshold,
        SilenceDurationMs = turnDetection.SilenceDurationMs,
        PreRollMs = _options.PreRollMs,
        MaxSpeechDurationMs = _options.Limits.MaxUtteranceDuration == Timeout.InfiniteTimeSpan
            ? 0
            : (int)Math.Min(_options.Limits.MaxUtteranceDuration.TotalMilliseconds, int.MaxValue),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        DiscardUtterance();
        _recognition.Dispose();
        _vad?.Dispose();
        _audioDecoder.Dispose();
        _tracked.Dispose();
    }
}
