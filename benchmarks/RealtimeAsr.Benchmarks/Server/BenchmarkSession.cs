using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;
using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// A lean protocol client for measurements: sends pre-serialised frames (paced or not) while a receive loop timestamps
/// every server event as it arrives.
/// </summary>
internal sealed class BenchmarkSession : IAsyncDisposable
{
    /// <summary>How long burst pacing waits for one utterance's result before moving on (the report then shows it missing).</summary>
    private static readonly TimeSpan s_resultWait = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly long _connectStarted;
    private readonly List<TimedEvent> _events = [];
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _updated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // One entry per completed or failed item, so burst pacing can wait for "n results so far".
    private readonly Channel<bool> _results = Channel.CreateUnbounded<bool>();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _resultsSeen;

    private BenchmarkSession(ClientWebSocket socket, long connectStarted)
    {
        _socket = socket;
        _connectStarted = connectStarted;
    }

    public static async Task<BenchmarkSession> ConnectAsync(Uri uri, string apiKey, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {apiKey}");
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var session = new BenchmarkSession(socket, started);
        session._receiving = session.ReceiveLoopAsync();
        return session;
    }

    /// <summary>Waits for <c>session.created</c>, applies the script's <c>session.update</c> and waits for <c>session.updated</c>.</summary>
    public async Task<double> ConfigureAsync(SessionScript script, CancellationToken cancellationToken)
    {
        await _created.Task.WaitAsync(cancellationToken);
        await _socket.SendAsync(script.UpdateFrame, WebSocketMessageType.Text, true, cancellationToken);
        await _updated.Task.WaitAsync(cancellationToken);
        return Stopwatch.GetElapsedTime(_connectStarted).TotalMilliseconds;
    }

    /// <summary>Sends every step of <paramref name="script"/> at <paramref name="pacing"/> and waits for <c>session.finished</c>.</summary>
    public async Task<SessionRecording> RunAsync(SessionScript script, Pacing pacing, double setupMs, CancellationToken cancellationToken)
    {
        var steps = script.Steps;
        var sent = new long[steps.Count];
        var maxSendLag = 0L;
        var nextUtterance = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (pacing == Pacing.RealTime)
            {
                // A chunk exists once its last sample has been "recorded"; a commit or finish right after the chunk before it.
                var due = start + (step.EndSample * Stopwatch.Frequency / BenchmarkClips.SampleRate);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                }

                await _socket.SendAsync(step.Frame, WebSocketMessageType.Text, true, cancellationToken);
                // Latency counts from when the speaker said it, not from when the socket took it: a server that stops
                // reading (back-pressure) delays the send, and that delay is part of what the user waits.
                sent[i] = due;
                maxSendLag = Math.Max(maxSendLag, Stopwatch.GetTimestamp() - due);
            }
            else
            {
                await _socket.SendAsync(step.Frame, WebSocketMessageType.Text, true, cancellationToken);
                sent[i] = Stopwatch.GetTimestamp();
            }

            if (pacing == Pacing.Burst && nextUtterance < script.Utterances.Count && script.Utterances[nextUtterance].LastStep == i)
            {
                nextUtterance++;
                await WaitForResultsAsync(nextUtterance, cancellationToken);
            }
        }

        await _finished.Task.WaitAsync(cancellationToken);
        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
        await _receiving.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        TimedEvent[] events;
        lock (_events)
        {
            events = [.. _events];
        }

        return new SessionRecording(script, pacing, setupMs, sent, maxSendLag * 1000.0 / Stopwatch.Frequency, events);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived or WebSocketState.Connecting)
        {
            _socket.Abort();
        }

        try
        {
            await _receiving;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already reported through the session's tasks.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task WaitForResultsAsync(int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_resultWait);
        try
        {
            while (_resultsSeen < count)
            {
                await _results.Reader.ReadAsync(timeout.Token);
                _resultsSeen++;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No result for this utterance: go on; the analysis reports it as missing.
        }
        catch (ChannelClosedException)
        {
            // The connection ended; waiting for session.finished reports it.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    var received = Stopwatch.GetTimestamp();
                    var serverEvent = ProtocolSerializer.ReadServerEvent(buffer.AsSpan(0, length));
                    length = 0;
                    OnEvent(new TimedEvent(received, serverEvent));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or System.Text.Json.JsonException)
        {
            failure = ex;
        }
        finally
        {
            var closed = new WebSocketException($"The connection ended before the event arrived ({failure?.Message ?? _socket.CloseStatusDescription ?? "closed"}).");
            _created.TrySetException(closed);
            _updated.TrySetException(closed);
            _finished.TrySetException(closed);
            _results.Writer.TryComplete();
        }
    }

    private void OnEvent(TimedEvent timed)
    {
        lock (_events)
        {
            _events.Add(timed);
        }

        switch (timed.Event)
        {
            case SessionCreatedEvent:
                _created.TrySetResult();
                break;
            case SessionUpdatedEvent:
                _updated.TrySetResult();
                break;
            case ErrorEvent error when !_updated.Task.IsCompleted:
                _updated.TrySetException(new InvalidOperationException($"The server refused session.update: {error.Error.Code}: {error.Error.Message}"));
                break;
            case TranscriptionCompletedEvent or TranscriptionFailedEvent:
                _results.Writer.TryWrite(true);
                break;
            case SessionFinishedEvent:
                _finished.TrySetResult();
                break;
        }
    }
}
