using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Internal;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

public partial class RealtimeTranscriptionSession
{
    /// <summary>
    /// Sends a client event as one JSON text frame. The typed methods below cover the protocol; this sends the
    /// library's event types with any extra fields in <see cref="ClientEvent.ExtensionData"/>. For an event this
    /// library has no class for, use <see cref="SendRawAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="clientEvent"/> is a subclass of <see cref="ClientEvent"/>
    /// defined outside RealtimeAsr.Protocol: the library serializes without reflection (trimming and AOT safe), so it
    /// has no JSON contract for it; send its JSON with <see cref="SendRawAsync(string, CancellationToken)"/>.</exception>
    /// <exception cref="RealtimeAsrConnectionException">The connection is closed or failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; see the class remarks: the connection stays usable.</exception>
    public virtual Task SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        return SendFrameAsync(buffer => ProtocolSerializer.Write(buffer, clientEvent), cancellationToken);
    }

    /// <summary>
    /// Sends a client event given as UTF-8 JSON, unchanged, as one text frame: the escape hatch for events this library
    /// has no class for. The JSON must be one object with a string <c>type</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="utf8Json"/> is not a JSON object with a string <c>type</c>.</exception>
    /// <exception cref="RealtimeAsrConnectionException">The connection is closed or failed.</exception>
    public virtual Task SendRawAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        ValidateRawEvent(utf8Json.Span);
        return SendFrameAsync(buffer => buffer.Write(utf8Json.Span), cancellationToken);
    }

    /// <summary>Sends a client event given as JSON text; see <see cref="SendRawAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not a JSON object with a string <c>type</c>.</exception>
    public virtual Task SendRawAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SendRawAsync(System.Text.Encoding.UTF8.GetBytes(json), cancellationToken);
    }

    /// <summary>Writes one text frame. Cancellation is honoured while waiting to send, never in the middle of a frame.</summary>
    private async Task SendFrameAsync(Action<ArrayBufferWriter<byte>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_socket.State != WebSocketState.Open)
            {
                Exception? cause;
                lock (_gate)
                {
                    cause = _terminalException;
                }

                // The receive loop knows why the connection ended (a close frame, a reset); that is the cause to report.
                throw cause is null
                    ? new RealtimeAsrConnectionException($"The connection is {_socket.State.ToString().ToLowerInvariant()}; nothing more can be sent.")
                    : new RealtimeAsrConnectionException(cause.Message, cause);
            }

            _sendBuffer.ResetWrittenCount();
            write(_sendBuffer);

            // ClientWebSocket aborts the connection when a send is cancelled halfway through a frame, so the caller's
            // token is not passed on: the frame is finished (bounded by SendTimeout), and the cancellation reported after.
            using var sendTimeout = new CancellationTokenSource(_clientOptions.SendTimeout);
            try
            {
                await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, sendTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (sendTimeout.IsCancellationRequested)
            {
                throw new RealtimeAsrTimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Writing a frame to {Uri} took longer than {_clientOptions.SendTimeout.TotalSeconds:0.#} s; the connection was aborted."), exception);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (WebSocketException exception)
        {
            throw new RealtimeAsrConnectionException($"Sending to {Uri} failed: {exception.Message}", exception);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static void ValidateRawEvent(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            // The whole text must be one well-formed value (the reader rejects trailing content), an object with a type.
            var reader = new Utf8JsonReader(utf8Json);
            while (reader.Read())
            {
            }

            ProtocolSerializer.ReadType(utf8Json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"Not a client event: {exception.Message}", nameof(utf8Json), exception);
        }
    }

    /// <summary>
    /// Sends audio in the session's format as <c>input_audio_buffer.append</c> (split when larger than
    /// <see cref="MaxAppendBytes"/>). The server does not acknowledge appends.
    /// </summary>
    public virtual async Task AppendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
    {
        do
        {
            var chunk = audio[..Math.Min(audio.Length, MaxAppendBytes)];
            await SendAsync(new InputAudioBufferAppendEvent { Audio = chunk }, cancellationToken).ConfigureAwait(false);
            audio = audio[chunk.Length..];
        }
        while (!audio.IsEmpty);
    }

    /// <summary>
    /// Reads <paramref name="audio"/> to its end and appends it: PCM in chunks of
    /// <see cref="AudioStreamingOptions.ChunkDuration"/>, Ogg Opus page by page. Paced at real time when
    /// <see cref="AudioStreamingOptions.PaceInRealTime"/> is set. Does not commit or finish.
    /// </summary>
    /// <returns>The number of bytes read from <paramref name="audio"/>.</returns>
    public virtual Task<long> AppendAudioAsync(Stream audio, AudioStreamingOptions? streaming = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        streaming ??= new AudioStreamingOptions();
        if (streaming.ChunkDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(streaming), streaming.ChunkDuration, "The chunk duration must be positive.");
        }

        return _options.AudioFormat == AudioInputFormat.Opus
            ? AppendOggOpusAsync(audio, streaming, cancellationToken)
            : AppendPcmAsync(audio, streaming, cancellationToken);
    }

    /// <summary>
    /// Appends the samples of a WAV stream, which must be 16-bit mono PCM at the session's sample rate (the CLI
    /// converts other WAV files; or use <c>sox in.wav -r 16000 -c 1 -b 16 out.wav</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a WAV stream, or not in the session's format.</exception>
    public virtual async Task<long> AppendWavAsync(Stream wav, AudioStreamingOptions? streaming = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wav);
        var header = await WavHeader.ReadAsync(wav, cancellationToken).ConfigureAwait(false);
        CheckWavFormat(header, _options);
        Stream samples = header.DataLength is { } length ? new ReadLimitStream(wav, length) : wav;
        return await AppendAudioAsync(samples, streaming, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends the samples of a WAV file; see <see cref="AppendWavAsync"/>.</summary>
    /// <exception cref="InvalidDataException">Not a WAV file, or not in the session's format.</exception>
    public virtual async Task<long> AppendWavFileAsync(string path, AudioStreamingOptions? streaming = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using var disposeFile = file.ConfigureAwait(false);
        try
        {
            return await AppendWavAsync(file, streaming, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>Manual mode: the audio appended since the last commit is one utterance (<c>input_audio_buffer.commit</c>).</summary>
    public virtual Task CommitAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new InputAudioBufferCommitEvent(), cancellationToken);

    /// <summary>Discards the audio not yet committed (<c>input_audio_buffer.clear</c>; the server answers <c>input_audio_buffer.cleared</c>).</summary>
    public virtual Task ClearAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new InputAudioBufferClearEvent(), cancellationToken);

    /// <summary>Reconfigures the session with <c>session.update</c> and waits for <c>session.updated</c>.</summary>
    /// <returns>The configuration the server now applies.</returns>
    /// <exception cref="RealtimeAsrErrorException">The server rejected the update.</exception>
    /// <exception cref="RealtimeAsrTimeoutException">No answer within <see cref="RealtimeAsrClientOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="RealtimeAsrException">The server's answer could not be read.</exception>
    public virtual async Task<SessionConfiguration> UpdateSessionAsync(TranscriptionSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var update = options.ToSessionUpdate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_clientOptions.ConnectTimeout);
        try
        {
            var updated = await ApplyUpdateAsync(update, timeout.Token).ConfigureAwait(false);
            Volatile.Write(ref _options, options.Clone());
            return updated.Session;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RealtimeAsrTimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The server did not answer session.update within {_clientOptions.ConnectTimeout.TotalSeconds:0.#} s."), exception);
        }
    }

    /// <summary>
    /// Ends the session: sends <c>session.finish</c> and waits until <c>session.finished</c> arrives, that is, until
    /// every final result has been received. It waits as long as the server keeps sending (audio sent faster than real
    /// time may take minutes to recognise) and gives up only when the server has been silent for
    /// <paramref name="timeout"/>. The connection stays open until the session is disposed.
    /// </summary>
    /// <param name="timeout">How long the server may stay silent; default <see cref="RealtimeAsrClientOptions.FinishTimeout"/>
    /// (20 s). Every server message restarts it. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="RealtimeAsrErrorException">An <c>error</c> event arrived while waiting.</exception>
    /// <exception cref="RealtimeAsrTimeoutException">The server sent nothing for <paramref name="timeout"/> before <c>session.finished</c>.</exception>
    /// <exception cref="RealtimeAsrConnectionException">The connection closed first.</exception>
    /// <exception cref="RealtimeAsrException">The server's <c>session.finished</c> or <c>error</c> could not be read.</exception>
    public virtual async Task FinishAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? _clientOptions.FinishTimeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "The finish timeout must be positive or infinite.");
        }

        TaskCompletionSource finished;
        bool alreadySent;
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            ThrowIfReceiveEnded();
            alreadySent = _pendingFinish is { Task.IsCompleted: false };
            if (!alreadySent)
            {
                _pendingFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            finished = _pendingFinish!;
        }

        if (!alreadySent)
        {
            await SendAsync(new SessionFinishEvent(), cancellationToken).ConfigureAwait(false);
        }

        if (limit == Timeout.InfiniteTimeSpan)
        {
            await finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var waitStarted = Stopwatch.GetTimestamp();
        while (true)
        {
            // Silence counts from the later of the last server message and the start of this wait.
            var quietSince = Math.Max(waitStarted, Volatile.Read(ref _lastReceivedTimestamp));
            var remaining = limit - Stopwatch.GetElapsedTime(quietSince);
            if (remaining <= TimeSpan.Zero)
            {
                throw new RealtimeAsrTimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"The server sent nothing for {limit.TotalSeconds:0.#} s while finishing, and no session.finished."));
            }

            try
            {
                await finished.Task.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException) when (!finished.Task.IsCompleted)
            {
                // Messages may have arrived meanwhile: measure the silence again.
            }
        }
    }

    /// <summary>Sends a <c>session.update</c> and waits for the matching <c>session.updated</c> or <c>error</c>.</summary>
    private async Task<SessionUpdatedEvent> ApplyUpdateAsync(SessionUpdateEvent update, CancellationToken cancellationToken)
    {
        await _updateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var updated = new TaskCompletionSource<SessionUpdatedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            lock (_gate)
            {
                ThrowIfReceiveEnded();
                _pendingUpdate = updated;
                _pendingUpdateEventId = update.EventId;
            }

            await SendAsync(update, cancellationToken).ConfigureAwait(false);
            return await updated.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (_pendingUpdate == updated)
                {
                    _pendingUpdate = null;
                }
            }

            _updateLock.Release();
        }
    }

    private async Task<long> AppendPcmAsync(Stream audio, AudioStreamingOptions streaming, CancellationToken cancellationToken)
    {
        var bytesPerSecond = _options.SampleRate * 2;
        var chunkBytes = Math.Max(2, (int)(bytesPerSecond * streaming.ChunkDuration.TotalSeconds) & ~1);
        var buffer = new byte[chunkBytes];
        var clock = Stopwatch.StartNew();
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await audio.ReadAtLeastAsync(buffer, chunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return total;
            }

            total += read;
            if (streaming.PaceInRealTime)
            {
                // A microphone delivers a chunk once its last sample has been spoken.
                await DelayUntilAsync(clock, TimeSpan.FromSeconds((double)total / bytesPerSecond), cancellationToken).ConfigureAwait(false);
            }

            await AppendAudioAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            streaming.Progress?.Report(total);
        }
    }

    private async Task<long> AppendOggOpusAsync(Stream audio, AudioStreamingOptions streaming, CancellationToken cancellationToken)
    {
        var reader = new OggPageReader(audio);
        var pending = new List<byte>(16 * 1024);
        var clock = Stopwatch.StartNew();
        long total = 0, granule = 0, sentGranule = 0;
        var chunkGranules = (long)(streaming.ChunkDuration.TotalSeconds * OggPageReader.OpusGranuleRate);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pageGranule = await reader.ReadPageAsync(pending, cancellationToken).ConfigureAwait(false);
            if (pageGranule is { } position && position > granule)
            {
                granule = position;
            }

            var atEnd = pageGranule is null;
            if (pending.Count == 0 || (!atEnd && granule - sentGranule < chunkGranules && pending.Count < MaxAppendBytes / 2))
            {
                if (atEnd)
                {
                    return total;
                }

                continue;
            }

            if (streaming.PaceInRealTime)
            {
                await DelayUntilAsync(clock, TimeSpan.FromSeconds((double)granule / OggPageReader.OpusGranuleRate), cancellationToken).ConfigureAwait(false);
            }

            await AppendAudioAsync(pending.ToArray(), cancellationToken).ConfigureAwait(false);
            total += pending.Count;
            pending.Clear();
            sentGranule = granule;
            streaming.Progress?.Report(total);
            if (atEnd)
            {
                return total;
            }
        }
    }

    private static async Task DelayUntilAsync(Stopwatch clock, TimeSpan due, CancellationToken cancellationToken)
    {
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CheckWavFormat(WavHeader header, TranscriptionSessionOptions options)
    {
        if (options.AudioFormat != AudioInputFormat.Pcm)
        {
            throw new InvalidDataException("The session expects Ogg Opus, but a WAV file holds PCM; open the session with AudioFormat = Pcm.");
        }

        if (!header.IsPcm16Mono || header.SampleRate != options.SampleRate)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The WAV audio is {header}, but the session expects {options.SampleRate} Hz, mono, 16-bit PCM. "
                + $"Convert it first (e.g. 'sox in.wav -r {options.SampleRate} -c 1 -b 16 out.wav'), or use 'realtime-asr transcribe', which converts."));
        }
    }
}
