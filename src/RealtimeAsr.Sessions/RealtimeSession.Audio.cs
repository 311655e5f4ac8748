using System.Buffers;
using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    private readonly ArrayBufferWriter<short> _decoded = new();
    private readonly SegmentCollector _segments = new();

    /// <summary>
    /// <c>input_audio_buffer.append</c>: decode to 16 kHz, then in VAD mode let the detector cut utterances, in Manual
    /// mode add everything to the pending buffer. Never acknowledged. A large append is taken
    /// <see cref="RealtimeSessionOptions.WorkSliceMs"/> at a time (each piece decoded, segmented and fed before the
    /// next), so it holds a worker slot only briefly at a time; an invalid-audio error is reported for its first piece
    /// with a problem only. In Manual mode with a <see cref="SessionLimits.MaxManualBufferDuration"/>, the whole append
    /// is decoded before any of it joins the buffer, so that one that would overflow it is refused whole.
    /// </summary>
    private async ValueTask AppendAsync(AppendAudio append, CancellationToken cancellationToken)
    {
        try
        {
            var pieceBytes = _options.WorkSliceMs * RecognitionAudio.SamplesPerMillisecond * sizeof(short);
            var reported = false;
            var bounded = _vad is null && Limits.MaxManualBufferDuration != Timeout.InfiniteTimeSpan;
            long appended = 0;
            var refused = false;
            for (var offset = 0; offset < append.Length; offset += pieceBytes)
            {
                var piece = (session: this, append.Buffer, offset, count: Math.Min(pieceBytes, append.Length - offset));
                var invalidAudio = await _workers.RunAsync(piece,
                    static p => p.session.DecodeAndSegment(p.Buffer.AsSpan(p.offset, p.count)), cancellationToken);
                OnAudioReceived(_decoded.WrittenCount);
                _metrics?.AudioReceived(Model, ApiKeyId, _decoded.WrittenCount);
                if (invalidAudio is not null && !reported)
                {
                    reported = true;
                    await RejectAsync(append.EventId, ErrorCodes.InvalidAudio, invalidAudio, "audio", cancellationToken);
                }

                if (!bounded)
                {
                    await HandleSegmentsAsync(cancellationToken);
                    continue;
                }

                // The rest of a refused append is still decoded, so that a stream format (Ogg) stays in step, but kept nowhere.
                appended += _decoded.WrittenCount;
                refused = refused || OverflowsManualBuffer(appended);
                if (refused)
                {
                    _segments.Take();
                }
            }

            if (refused)
            {
                // The append is not taken: the audio clock goes back to where the buffer ends.
                _clockSamples -= appended;
                await RefuseAppendAsync(append, cancellationToken);
            }
            else if (bounded)
            {
                await HandleSegmentsAsync(cancellationToken);
            }
        }
        finally
        {
            append.Release();
        }
    }

    private async ValueTask HandleSegmentsAsync(CancellationToken cancellationToken)
    {
        foreach (var segment in _segments.Take())
        {
            switch (segment)
            {
                case SpeechSegment.Started started:
                    await BeginUtteranceAsync(started.StartSample, cancellationToken);
                    _current!.Add(started.Audio);
                    await FeedAsync(_current, cancellationToken);
                    break;
                case SpeechSegment.Continued audio:
                    _current!.Add(audio.Samples);
                    await FeedAsync(_current, cancellationToken);
                    break;
                case SpeechSegment.Stopped stopped:
                    await CommitUtteranceAsync(stopped.EndSample, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// CPU part of an append: audio decoding and, in VAD mode, voice activity detection. The resulting utterance audio
    /// is left in <see cref="_segments"/>. Returns a message when the bytes are not valid audio of the session's format.
    /// </summary>
    private string? DecodeAndSegment(ReadOnlySpan<byte> audio)
    {
        _decoded.ResetWrittenCount();
        string? error = null;
        try
        {
            _audioDecoder.Decode(audio, _decoded);
        }
        catch (InvalidAudioException ex)
        {
            // The decoder has skipped the damaged part and resynchronised: the samples it wrote are valid, and the
            // stream goes on with the next append (no Reset, which would lose the stream's headers).
            error = $"The audio is not valid '{_settings.InputAudioFormat}': {ex.Message}";
        }

        var samples = _decoded.WrittenSpan;
        _clockSamples += samples.Length;
        if (_vad is not null)
        {
            _vad.Process(samples, _segments);
        }
        else if (!samples.IsEmpty)
        {
            // Manual mode: everything appended belongs to the pending utterance (which may begin in an earlier piece
            // of this append, still in the collector).
            if (_current is null && _segments.IsEmpty)
            {
                _segments.OnSpeechStarted(_clockSamples - samples.Length, samples);
            }
            else
            {
                _segments.OnSpeechAudio(samples);
            }
        }

        return error;
    }

    /// <summary>
    /// A new utterance: <c>speech_started</c> in VAD mode, and a decoder asked for in the background (the audio waits in
    /// the utterance until it arrives, while the session goes on handling events).
    /// </summary>
    private async ValueTask BeginUtteranceAsync(long startSample, CancellationToken cancellationToken)
    {
        // Ogg Opus is decoded at full band whatever the client's sample_rate says; only PCM can be narrowband.
        var sourceRate = _settings.InputAudioFormat == AudioFormats.Pcm ? _settings.SampleRate : RecognitionAudio.SampleRate;
        var utterance = new Utterance(ServerIds.NewItemId(), new RecognitionOptions(_settings.Language, _settings.CorpusText, sourceRate), _workers);
        _current = utterance;
        _lastPartialAt = 0;
        _engineTicksAtStart = _engineClock?.ElapsedTicks ?? 0;
        if (_settings.IsServerVad)
        {
            await EmitAsync(new SpeechStartedEvent { AudioStartMs = ToMs(startSample), ItemId = utterance.ItemId }, cancellationToken);
        }

        RequestDecoder(utterance, cancellationToken);
    }

    /// <summary>
    /// Gives the utterance's audio that the decoder has not had yet to the engine, at most
    /// <see cref="RealtimeSessionOptions.WorkSliceMs"/> per worker slot, and sends the partial result that follows (VAD
    /// mode). Returns at once while the decoder is still awaited (the audio waits) or when the utterance has failed.
    /// </summary>
    private async ValueTask FeedAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        // A Manual utterance that gave its decoder back asks again now that audio is coming in.
        RequestDecoder(utterance, cancellationToken);
        if (!utterance.TryTakeDecoder())
        {
            return;
        }

        // Manual mode reports results only once the client commits (protocol §5.2), so it computes no partials.
        int? interval = _settings.IsServerVad ? _options.PartialIntervalMs * RecognitionAudio.SamplesPerMillisecond : null;
        await FeedRemainingAsync(utterance, interval, cancellationToken);
    }

    private async ValueTask FeedRemainingAsync(Utterance utterance, int? partialInterval, CancellationToken cancellationToken)
    {
        var slice = _options.WorkSliceMs * RecognitionAudio.SamplesPerMillisecond;
        while (utterance.HasUnfedAudio)
        {
            // The engine runs its CPU work on the recognition workers, a slice at a time.
            if (await utterance.FeedNextAsync(slice, partialInterval, cancellationToken) is { } partial)
            {
                await EmitPartialAsync(utterance, partial, cancellationToken);
            }
        }
    }

    private static long ToMs(long samples) => samples / RecognitionAudio.SamplesPerMillisecond;
}
