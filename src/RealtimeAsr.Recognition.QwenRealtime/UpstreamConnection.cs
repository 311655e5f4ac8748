using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeAsr.Client;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// One upstream session in Manual mode. Callers (the client session's loop) never wait for the network: what they ask
/// for — audio, a commit, a clear, new settings — joins a send queue that one background loop writes upstream in order,
/// after connecting; a second loop reads the upstream's events and gives them to the current <see cref="UpstreamItem"/>.
/// The first failure (no connection, a refused key, a lost connection, a session the upstream ended) breaks the
/// connection for good: the current item fails with it, and the session opens a new connection for its next utterance.
/// </summary>
internal sealed partial class UpstreamConnection : IAsyncDisposable
{
    private readonly Channel<Command> _outbox = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _clearEventIds = [];
    private readonly string _engine;
    private readonly ILogger _logger;
    private readonly Task _run;
    private RealtimeTranscriptionSession? _session;
    private UpstreamItem? _current;
    private RecognitionFailedException? _failure;
    private int _disposed;

    /// <summary>Starts connecting at once, with <paramref name="settings"/> (Manual mode) in the first <c>session.update</c>.</summary>
    public UpstreamConnection(RealtimeAsrClient client, TranscriptionSessionOptions settings, string engine, ILogger logger)
    {
        _engine = engine;
        _logger = logger;
        Settings = settings;
        var stop = _stop.Token;
        _run = Task.Run(() => RunAsync(client, settings.Clone(), stop), CancellationToken.None);
    }

    /// <summary>The settings the upstream session has (or will have once the queue is sent).</summary>
    public TranscriptionSessionOptions Settings { get; private set; }

    /// <summary>Whether the connection failed: a new one is needed.</summary>
    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    /// <summary>Completes once the upstream confirmed the first settings; fails as the items do when it did not.</summary>
    public Task Connected => _connected.Task;

    /// <summary>
    /// Makes <paramref name="item"/> the one the upstream's results go to (until the next); fails it at once when the
    /// connection is already broken.
    /// </summary>
    public void Begin(UpstreamItem item)
    {
        lock (_lock)
        {
            _current = item;
            if (_failure is { } failure)
            {
                item.OnFailed(failure);
            }
        }
    }

    /// <summary>Stops giving the upstream's results to <paramref name="item"/> (it was given back).</summary>
    public void End(UpstreamItem item)
    {
        lock (_lock)
        {
            if (_current == item)
            {
                _current = null;
            }
        }
    }

    /// <summary>Queues settings for the utterances that follow (a <c>session.update</c>, answered before more audio is sent).</summary>
    public void Configure(TranscriptionSessionOptions settings)
    {
        Settings = settings;
        _outbox.Writer.TryWrite(new Command.Configure(settings.Clone()));
    }

    /// <summary>Queues 16 kHz PCM16 audio (owned by the queue from now on).</summary>
    public void Append(byte[] pcm) => _outbox.Writer.TryWrite(new Command.Append(pcm));

    /// <summary>Queues the commit that ends the current utterance.</summary>
    public void Commit() => _outbox.Writer.TryWrite(new Command.Commit());

    /// <summary>Queues an <c>input_audio_buffer.clear</c>: the audio sent since the last commit is dropped upstream.</summary>
    public void Clear() => _outbox.Writer.TryWrite(new Command.Clear());

    /// <summary>
    /// Breaks the connection because its results can no longer be matched to utterances (an item given up while the
    /// upstream still owes its result): the next utterance gets a new connection.
    /// </summary>
    public void Abandon(string reason) => Fail(new RecognitionFailedException(ErrorCodes.BackendUnavailable, reason));

    /// <summary>Stops both loops and closes the upstream session with the close handshake.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Nothing may wait for this connection any more (an item, the first settings).
        Break(new RecognitionFailedException(ErrorCodes.BackendUnavailable, "The upstream session was closed."));
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>Connects, then sends the queue in order while a second loop receives, until either fails or the connection is disposed.</summary>
    private async Task RunAsync(RealtimeAsrClient client, TranscriptionSessionOptions settings, CancellationToken stop)
    {
        try
        {
            _session = await client.ConnectAsync(settings, stop).ConfigureAwait(false);
            Log.Connected(_logger, _engine, client.SessionUri, _session.SessionId);
        }
        catch (Exception e)
        {
            if (!stop.IsCancellationRequested)
            {
                Fail(UpstreamFailures.FromException(e, connected: false), e);
            }

            return;
        }

        _connected.TrySetResult();
        var receiving = ReceiveAsync(_session, stop);
        try
        {
            await foreach (var command in _outbox.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                await SendAsync(_session, command, stop).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            if (!stop.IsCancellationRequested)
            {
                Fail(UpstreamFailures.FromException(e, connected: true), e);
            }
        }

        await receiving.ConfigureAwait(false);
        // Closed at once, whatever ended the loops: an upstream shutting down waits for its clients to close.
        await _session.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(RealtimeTranscriptionSession session, Command command, CancellationToken stop)
    {
        switch (command)
        {
            case Command.Append append:
                await session.AppendAudioAsync(append.Pcm, stop).ConfigureAwait(false);
                break;
            case Command.Commit:
                await session.CommitAsync(stop).ConfigureAwait(false);
                break;
            case Command.Clear:
                var clear = new InputAudioBufferClearEvent();
                lock (_lock)
                {
                    _clearEventIds.Add(clear.EventId);
                }

                await session.SendAsync(clear, stop).ConfigureAwait(false);
                break;
            case Command.Configure configure:
                try
                {
                    await session.UpdateSessionAsync(configure.Settings, stop).ConfigureAwait(false);
                }
                catch (RealtimeAsrErrorException e)
                {
                    // The same error arrives as an event and fails the item that needed the settings; the session goes on.
                    Log.SettingsRejected(_logger, _engine, e.Code, e.Message);
                }

                break;
        }
    }

    private async Task ReceiveAsync(RealtimeTranscriptionSession session, CancellationToken stop)
    {
        try
        {
            await foreach (var serverEvent in session.ReadEventsAsync(stop).ConfigureAwait(false))
            {
                if (serverEvent is SessionFinishedEvent)
                {
                    Fail(UpstreamFailures.Ended());
                    return;
                }

                OnEvent(serverEvent);
            }

            if (!stop.IsCancellationRequested)
            {
                Fail(UpstreamFailures.FromException(new RealtimeAsrConnectionException("The upstream closed the connection."), connected: true));
            }
        }
        catch (Exception e)
        {
            if (!stop.IsCancellationRequested)
            {
                Fail(UpstreamFailures.FromException(e, connected: true), e);
            }
        }
    }

    /// <summary>Gives one upstream event to the current item.</summary>
    private void OnEvent(ServerEvent serverEvent)
    {
        lock (_lock)
        {
            switch (serverEvent)
            {
                case TranscriptionTextEvent text:
                    _current?.OnPartial(new RecognitionPartial(text.Text ?? "", text.Stash ?? "", NullIfEmpty(text.Language)));
                    break;
                case TranscriptionCompletedEvent completed:
                    _current?.OnCompleted(completed.Transcript ?? "", NullIfEmpty(completed.Language));
                    break;
                case TranscriptionFailedEvent failed:
                    if (UpstreamFailures.FromFailedItem(failed.Error) is { } failure)
                    {
                        _current?.OnRefused(failure);
                    }
                    else
                    {
                        _current?.OnCompleted("", null);
                    }

                    break;
                case ErrorEvent error when error.Error.EventId is { } id && _clearEventIds.Remove(id):
                    // A clear the upstream does not support (it is not documented for ASR): nothing was lost by it.
                    Log.ClearRefused(_logger, _engine, error.Error.Code, error.Error.Message);
                    break;
                case ErrorEvent error:
                    Log.UpstreamError(_logger, _engine, error.Error.Code, error.Error.Message);
                    _current?.OnFailed(UpstreamFailures.FromErrorEvent(error.Error));
                    break;
            }
        }
    }

    /// <summary>
    /// Breaks the connection with <paramref name="failure"/> (the first one counts): the current item and every later
    /// <see cref="Begin"/> fail with it, nothing more is sent, and both loops stop (the owner disposes the connection).
    /// </summary>
    private void Fail(RecognitionFailedException failure, Exception? cause = null)
    {
        if (Break(failure))
        {
            Log.Broken(_logger, _engine, failure.Code, cause?.Message ?? failure.Message);
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile: the loops are stopped already.
            }
        }
    }

    /// <summary>Records the connection's failure, unless it has one; returns whether this one is it.</summary>
    private bool Break(RecognitionFailedException failure)
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                return false;
            }

            _failure = failure;
            _current?.OnFailed(failure);
        }

        _connected.TrySetException(failure);
        // Observed here: an item that needs it awaits it, and none may.
        _ = _connected.Task.Exception;
        _outbox.Writer.TryComplete();
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>What the send loop does next.</summary>
    private abstract record Command
    {
        public sealed record Append(byte[] Pcm) : Command;

        public sealed record Commit : Command;

        public sealed record Clear : Command;

        public sealed record Configure(TranscriptionSessionOptions Settings) : Command;
    }
}
