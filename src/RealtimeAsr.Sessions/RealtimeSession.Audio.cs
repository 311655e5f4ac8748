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
    /// mode add everything to the pending buffer. Never acknowledged.
    /// </summary>
    private async ValueTask AppendAsync(AppendAudio append, CancellationToken cancellationToken)
    {
        string? invalidAudio;
        try
        {
            invalidAudio = await _workers.RunAsync((session: this, append), static s => s.session.DecodeAndSegment(s.append), cancellationToken);
        }
        finally
        {
            append.Release();
        }

        if (invalidAudio is not null)
        {
            await RejectAsync(append.EventId, ErrorCodes.InvalidAudio, invalidAudio, "audio", cancellationToken);
        }

        foreach (var segment in _segments.Take())
        {
            switch (segment)
            {
                case SpeechSegment.Started started:
                    await BeginUtteranceAsync(started.StartSample, cancellationToken);
                    await FeedAsync(started.Audio, cancellationToken);
                    break;
                case SpeechSegment.Continued audio:
                    await FeedAsync(audio.Samples, cancellationToken);
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
    private string? DecodeAndSegment(AppendAudio append)
    {
        _decoded.ResetWrittenCount();
        string? error = null;
        try
        {
            _audioDecoder.Decode(append.Audio, _decoded);
        }
        catch (InvalidAudioException ex)
        {
            // The stream cannot be resynchronised: the next append must start a new one.
            _audioDecoder.Reset();
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
            // Manual mode: everything appended belongs to the pending utterance.
            if (_current is null)
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

    private async ValueTask BeginUtteranceAsync(long startSample, CancellationToken cancellationToken)
    {
        var utterance = new Utterance(ProtocolIds.NewItemId());
        _current = utterance;
        if (_settings.IsServerVad)
        {
            await EmitAsync(new SpeechStartedEvent { AudioStartMs = ToMs(startSample), ItemId = utterance.ItemId }, cancellationToken);
        }

        // Ogg Opus is decoded at full band whatever the client's sample_rate says; only PCM can be narrowband.
        var sourceRate = _settings.InputAudioFormat == AudioFormats.Pcm ? _settings.SampleRate : RecognitionAudio.SampleRate;
        await utterance.StartAsync(_recognition, new RecognitionOptions(_settings.Language, _settings.CorpusText, sourceRate), cancellationToken);
    }

    private async ValueTask FeedAsync(short[] samples, CancellationToken cancellationToken)
    {
        var utterance = _current!;
        // Manual mode reports results only once the client commits (protocol §5.2), so it computes no partials.
        int? interval = _settings.IsServerVad ? _options.PartialIntervalMs * RecognitionAudio.SamplesPerMillisecond : null;
        var partial = await _workers.RunAsync((utterance, samples, interval), static s => s.utterance.Accept(s.samples, s.interval), cancellationToken);
        if (partial is not null)
        {
            await EmitPartialAsync(utterance, partial, cancellationToken);
        }
    }

    private static long ToMs(long samples) => samples / RecognitionAudio.SamplesPerMillisecond;
}
