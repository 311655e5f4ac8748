using System.Diagnostics;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

public sealed partial class RealtimeSession
{
    // For the metrics: when the current item's last .text was sent (0: none yet), and the engine clock at its start.
    private long _lastPartialAt;
    private long _engineTicksAtStart;

    /// <summary>
    /// Ends the current utterance and reports it: (<c>speech_stopped</c> in VAD mode) → <c>committed</c> →
    /// <c>conversation.item.created</c> → last <c>.text</c> → <c>.completed</c> (or <c>.failed</c> when the engine heard
    /// no words, or <c>recognition_failed</c> when the engine failed on it; the session goes on). Every event carries the
    /// utterance's one item id. This is the one place a session waits for a decoder
    /// (until the pool has been stuck for <see cref="RealtimeSessionOptions.DecoderWaitTimeout"/>): an utterance that got
    /// none ends, after <c>conversation.item.created</c>, in <c>.failed</c> with code <c>server_busy</c>.
    /// </summary>
    /// <param name="speechEndSample">Where speech ended, for <c>speech_stopped</c>; <see langword="null"/> in Manual mode.</param>
    /// <param name="cancellationToken">Fires when the client is gone.</param>
    private async ValueTask CommitUtteranceAsync(long? speechEndSample, CancellationToken cancellationToken)
    {
        var utterance = _current!;
        _current = null;
        var ended = _metrics is null ? 0 : Stopwatch.GetTimestamp();
        try
        {
            var itemId = utterance.ItemId;
            if (speechEndSample is { } end)
            {
                await EmitAsync(new SpeechStoppedEvent { AudioEndMs = ToMs(end), ItemId = itemId }, cancellationToken);
            }

            var previous = _lastItemId;
            _lastItemId = itemId;
            await EmitAsync(new InputAudioBufferCommittedEvent { PreviousItemId = previous, ItemId = itemId }, cancellationToken);
            await EmitAsync(new ConversationItemCreatedEvent
            {
                PreviousItemId = previous,
                Item = new ConversationItem { Id = itemId, Content = [new ContentPart()] },
            }, cancellationToken);

            if (utterance.Failed || !await utterance.WaitForDecoderAsync(_recognition, _options.DecoderWaitTimeout, cancellationToken))
            {
                Log.DecoderWaitTimedOut(_logger, Id, itemId, _options.DecoderWaitTimeout);
                await EmitFailedAsync(itemId, ErrorCodes.ServerBusy,
                    "The server had no recognizer free for this audio in time; it was not transcribed.", cancellationToken);
                return;
            }

            var started = TimeProvider.System.GetTimestamp();
            // The audio that waited for the decoder, or came since the last append's partial: no partials for it, the
            // final pass follows at once.
            RecognitionResult result;
            try
            {
                await FeedRemainingAsync(utterance, partialInterval: null, cancellationToken);
                result = await utterance.CompleteAsync(cancellationToken);
            }
            catch (RecognitionFailedException e)
            {
                // A backend's failure the client can act on (unreachable, too slow, refusing this server's key): named so.
                Log.BackendFailed(_logger, Id, itemId, e.Code, e);
                await EmitFailedAsync(itemId, e.Code, e.Message, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One utterance's failure (a decode error, a backend that did not answer) is that item's, not the session's.
                Log.RecognitionFailed(_logger, Id, itemId, e);
                await EmitFailedAsync(itemId, ErrorCodes.RecognitionFailed, "The recognizer failed on this audio; it was not transcribed.",
                    cancellationToken);
                return;
            }

            Log.UtteranceRecognised(_logger, Id, itemId, ToMs(utterance.SampleCount),
                (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            // The decoder goes back before the events, which may wait for a slow client.
            utterance.Dispose();

            await EmitPartialAsync(utterance, result.LastPartial, cancellationToken);
            if (result.Transcript.Length == 0)
            {
                await EmitFailedAsync(itemId, ErrorCodes.AudioUnintelligible, "The audio could not be transcribed.", cancellationToken);
            }
            else
            {
                await EmitAsync(new TranscriptionCompletedEvent
                {
                    ItemId = itemId,
                    Language = ReportedLanguage(result.Language),
                    Emotion = _options.Emotion,
                    Transcript = result.Transcript,
                }, cancellationToken);
                _metrics?.UtteranceCompleted(Model, Stopwatch.GetElapsedTime(ended),
                    Stopwatch.GetElapsedTime(0, _engineClock!.ElapsedTicks - _engineTicksAtStart), utterance.SampleCount);
            }
        }
        finally
        {
            utterance.Dispose();
        }
    }

    private ValueTask EmitFailedAsync(string itemId, string code, string message, CancellationToken cancellationToken)
    {
        _metrics?.UtteranceFailed(Model, code);
        return EmitAsync(new TranscriptionFailedEvent { ItemId = itemId, Error = new TranscriptionError { Code = code, Message = message } },
            cancellationToken);
    }

    private ValueTask EmitPartialAsync(Utterance utterance, RecognitionPartial partial, CancellationToken cancellationToken)
    {
        if (_metrics is { MeasuresPartials: true })
        {
            var now = Stopwatch.GetTimestamp();
            if (_lastPartialAt != 0)
            {
                _metrics.PartialSent(Model, Stopwatch.GetElapsedTime(_lastPartialAt, now));
            }

            _lastPartialAt = now;
        }

        return EmitAsync(new TranscriptionTextEvent
        {
            ItemId = utterance.ItemId,
            Language = ReportedLanguage(partial.Language),
            Emotion = _options.Emotion,
            Text = partial.Text,
            Stash = partial.Stash,
        }, cancellationToken);
    }

    /// <summary>
    /// The requested language; else the one the engine detected; else the engine's own when it has just one (the
    /// embedded engine: <c>en</c>).
    /// </summary>
    private string ReportedLanguage(string? detected) =>
        _settings.Language ?? detected ?? (_engine.Capabilities.Languages is { Count: 1 } languages ? languages.First() : "");

    /// <summary>
    /// Drops the utterance in progress without reporting it (clear, client gone) and returns its decoder, cheaply: the
    /// engine runs no final pass for it here (see <see cref="IUtteranceDecoder"/>).
    /// </summary>
    private void DiscardUtterance()
    {
        _current?.Dispose();
        _current = null;
    }
}
