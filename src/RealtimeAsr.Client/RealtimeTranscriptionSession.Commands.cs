using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Internal;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

public sealed partial class RealtimeTranscriptionSession
{
    /// <summary>Sends any client event as one JSON text frame. The typed methods below cover the protocol; this is the escape hatch.</summary>
    /// <exception cref="RealtimeAsrConnectionException">The connection is closed or failed.</exception>
    public async Task SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
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
            ProtocolSerializer.Write(_sendBuffer, clientEvent);
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
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

    /// <summary>
    /// Sends audio in the session's format as <c>input_audio_buffer.append</c> (split when larger than
    /// <see cref="MaxAppendBytes"/>). The server does not acknowledge appends.
    /// </summary>
    public async Task AppendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
    {
        do
        {
            var chunk = audio[..Math.Min(audio.Length, MaxAppendBytes)];
            await SendAsync(new InputAudioBufferAppendEvent { Audio = chunk }, cancellationToken);
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
    public Task<long> AppendAudioAsync(Stream audio, AudioStreamingOptions? streaming = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        streaming ??= new AudioStreamingOptions();
        if (streaming.ChunkDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(streaming), streaming.ChunkDuration, "The chunk duration must be positive.");
        }

        return Options.AudioFormat == AudioInputFormat.Opus
            ? AppendOggOpusAsync(audio, streaming, cancellationToken)
            : AppendPcmAsync(audio, streaming, cancellationToken);
    }

    /// <summary>
    /// Appends the samples of a WAV stream, which must be 16-bit mono PCM at the session's sample rate (the CLI
    /// converts other WAV files; or use <c>sox in.wav -r 16000 -c 1 -b 16 out.wav</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a WAV stream, or not in the session's format.</exception>
    public async Task<long> AppendWavAsync(Stream wav, AudioStreamingOptions? streaming = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wav);
        var header = WavHeader.Read(wav);
        CheckWavFormat(header, Options);
        Stream samples = header.DataLength is { } length ? new ReadLimitStream(wav, length) : wav;
        return await AppendAudioAsync(samples, streaming, cancellationToken);
    }

    /// <summary>Appends the samples of a WAV file; see <see cref="AppendWavAsync"/>.</summary>
    /// <exception cref="InvalidDataException">Not a WAV file, or not in the session's format.</exception>
    public async Task<long> AppendWavFileAsync(string path, AudioStreamingOptions? streaming = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        try
        {
            return await AppendWavAsync(file, streaming, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>Manual mode: the audio appended since the last commit is one utterance (<c>input_audio_buffer.commit</c>).</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new InputAudioBufferCommitEvent(), cancellationToken);

    /// <summary>Discards the audio not yet committed (<c>input_audio_buffer.clear</c>; the server answers <c>input_audio_buffer.cleared</c>).</summary>
    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new InputAudioBufferClearEvent(), cancellationToken);

    /// <summary>Reconfigures the session with <c>session.update</c> and waits for <c>session.updated</c>.</summary>
    /// <returns>The configuration the server now applies.</returns>
    /// <exception cref="RealtimeAsrErrorException">The server rejected the update.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="RealtimeAsrClientOptions.ConnectTimeout"/>.</exception>
    public async Task<SessionConfiguration> UpdateSessionAsync(TranscriptionSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var update = options.ToSessionUpdate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_clientOptions.ConnectTimeout);
        try
        {
            var updated = await ApplyUpdateAsync(update, timeout.Token);
            Options = options.Clone();
            return updated.Session;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The server did not answer session.update within {_clientOptions.ConnectTimeout.TotalSeconds:0.#} s."));
        }
    }

    /// <summary>
    /// Ends the session: sends <c>session.finish</c> and waits until <c>session.finished</c> arrives, that is, until
    /// every final result has been received. The connection stays open until the session is disposed.
    /// </summary>
    /// <param name="timeout">How long to wait; default <see cref="RealtimeAsrClientOptions.FinishTimeout"/> (20 s).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="RealtimeAsrErrorException">An <c>error</c> event arrived while waiting.</exception>
    /// <exception cref="TimeoutException"><c>session.finished</c> did not arrive in time.</exception>
    /// <exception cref="RealtimeAsrConnectionException">The connection closed first.</exception>
    public async Task FinishAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
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
            await SendAsync(new SessionFinishEvent(), cancellationToken);
        }

        var limit = timeout ?? _clientOptions.FinishTimeout;
        try
        {
            await finished.Task.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The server did not send session.finished within {limit.TotalSeconds:0.#} s of session.finish."), exception);
        }
    }

    /// <summary>Sends a <c>session.update</c> and waits for the matching <c>session.updated</c> or <c>error</c>.</summary>
    private async Task<SessionUpdatedEvent> ApplyUpdateAsync(SessionUpdateEvent update, CancellationToken cancellationToken)
    {
        await _updateLock.WaitAsync(cancellationToken);
        var updated = new TaskCompletionSource<SessionUpdatedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            lock (_gate)
            {
                ThrowIfReceiveEnded();
                _pendingUpdate = updated;
                _pendingUpdateEventId = update.EventId;
            }

            await SendAsync(update, cancellationToken);
            return await updated.Task.WaitAsync(cancellationToken);
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
        var bytesPerSecond = Options.SampleRate * 2;
        var chunkBytes = Math.Max(2, (int)(bytesPerSecond * streaming.ChunkDuration.TotalSeconds) & ~1);
        var buffer = new byte[chunkBytes];
        var clock = Stopwatch.StartNew();
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await audio.ReadAtLeastAsync(buffer, chunkBytes, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                return total;
            }

            total += read;
            if (streaming.PaceInRealTime)
            {
                // A microphone delivers a chunk once its last sample has been spoken.
                await DelayUntilAsync(clock, TimeSpan.FromSeconds((double)total / bytesPerSecond), cancellationToken);
            }

            await AppendAudioAsync(buffer.AsMemory(0, read), cancellationToken);
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
            var pageGranule = await reader.ReadPageAsync(pending, cancellationToken);
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
                await DelayUntilAsync(clock, TimeSpan.FromSeconds((double)granule / OggPageReader.OpusGranuleRate), cancellationToken);
            }

            await AppendAudioAsync(pending.ToArray(), cancellationToken);
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
            await Task.Delay(wait, cancellationToken);
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
