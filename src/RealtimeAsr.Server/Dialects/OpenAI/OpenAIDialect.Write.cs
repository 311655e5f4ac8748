using System.Buffers;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Server;

public sealed partial class OpenAIDialect
{
    private const string TranscriptionDelta = "conversation.item.input_audio_transcription.delta";

    // Per item, the confirmed text already sent as deltas: what follows it is the next delta.
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private OpenAISessionEcho _writeEcho;

    /// <inheritdoc />
    public void Write(ServerEvent serverEvent, ArrayBufferWriter<byte> output, List<int> frameEnds)
    {
        ArgumentNullException.ThrowIfNull(serverEvent);
        var frames = new Frames(output, frameEnds, serverEvent.EventId);
        switch (serverEvent)
        {
            case SessionCreatedEvent created:
                WriteSession(frames, _beta ? "transcription_session.created" : "session.created", created.Session);
                break;
            case SessionUpdatedEvent updated:
                _writeEcho = _echoes.TryDequeue(out var echo) ? echo : _writeEcho;
                WriteSession(frames, _beta ? "transcription_session.updated" : "session.updated", updated.Session);
                break;
            case SpeechStartedEvent started:
                frames.Write(EventTypes.SpeechStarted, w =>
                {
                    w.WriteNumber("audio_start_ms", started.AudioStartMs);
                    w.WriteString("item_id", started.ItemId);
                });
                break;
            case SpeechStoppedEvent stopped:
                frames.Write(EventTypes.SpeechStopped, w =>
                {
                    w.WriteNumber("audio_end_ms", stopped.AudioEndMs);
                    w.WriteString("item_id", stopped.ItemId);
                });
                break;
            case InputAudioBufferCommittedEvent committed:
                frames.Write(EventTypes.InputAudioBufferCommitted, w =>
                {
                    w.WriteString("previous_item_id", committed.PreviousItemId);
                    w.WriteString("item_id", committed.ItemId);
                });
                break;
            case InputAudioBufferClearedEvent:
                frames.Write(EventTypes.InputAudioBufferCleared, static _ => { });
                break;
            case ConversationItemCreatedEvent item:
                WriteItem(frames, item);
                break;
            case TranscriptionTextEvent text:
                WriteConfirmed(frames, text);
                break;
            case TranscriptionCompletedEvent completed:
                WriteCompleted(frames, completed);
                break;
            case TranscriptionFailedEvent failed:
                _sent.Remove(failed.ItemId);
                frames.Write(EventTypes.TranscriptionFailed, w =>
                {
                    w.WriteString("item_id", failed.ItemId);
                    w.WriteNumber("content_index", failed.ContentIndex);
                    w.WriteStartObject("error");
                    w.WriteString("type", "transcription_error");
                    w.WriteString("code", failed.Error.Code);
                    w.WriteString("message", failed.Error.Message);
                    w.WriteString("param", failed.Error.Param);
                    w.WriteEndObject();
                });
                break;
            case ErrorEvent error:
                frames.Write(EventTypes.Error, w =>
                {
                    w.WriteStartObject("error");
                    w.WriteString("type", error.Error.Type);
                    w.WriteString("code", error.Error.Code);
                    w.WriteString("message", error.Error.Message);
                    w.WriteString("param", error.Error.Param);
                    w.WriteString("event_id", error.Error.EventId);
                    w.WriteEndObject();
                });
                break;
            default:
                // session.finished (a server shutdown's own finish) and anything else have no OpenAI counterpart.
                break;
        }
    }

    /// <summary>GA: <c>conversation.item.added</c> then <c>.done</c> (a transcription item is complete once committed); beta: <c>conversation.item.created</c>.</summary>
    private void WriteItem(Frames frames, ConversationItemCreatedEvent created)
    {
        void Body(Utf8JsonWriter w)
        {
            w.WriteString("previous_item_id", created.PreviousItemId);
            w.WriteStartObject("item");
            w.WriteString("id", created.Item.Id);
            w.WriteString("object", "realtime.item");
            w.WriteString("type", "message");
            w.WriteString("status", "completed");
            w.WriteString("role", "user");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("type", "input_audio");
            w.WriteNull("transcript");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (_beta)
        {
            frames.Write("conversation.item.created", Body);
        }
        else
        {
            frames.Write("conversation.item.added", Body);
            frames.Write("conversation.item.done", Body);
        }
    }

    /// <summary>A delta of the text newly confirmed since the last one; the tentative part (Qwen's <c>stash</c>) is never sent.</summary>
    private void WriteConfirmed(Frames frames, TranscriptionTextEvent text)
    {
        var sent = _sent.GetValueOrDefault(text.ItemId, "");
        // Confirmed text only grows within an item; should it ever not extend what was sent, nothing is retracted.
        if (text.Text.Length > sent.Length && text.Text.StartsWith(sent, StringComparison.Ordinal))
        {
            WriteDelta(frames, text.ItemId, text.ContentIndex, text.Text[sent.Length..]);
            _sent[text.ItemId] = text.Text;
        }
    }

    /// <summary>
    /// The rest of the transcript as a last delta when it extends what was sent (so the deltas add up to it), then
    /// <c>.completed</c>. A final that rewrote confirmed text gets no delta: <c>.completed</c>'s transcript is authoritative.
    /// </summary>
    private void WriteCompleted(Frames frames, TranscriptionCompletedEvent completed)
    {
        var sent = _sent.GetValueOrDefault(completed.ItemId, "");
        _sent.Remove(completed.ItemId);
        if (completed.Transcript.Length > sent.Length && completed.Transcript.StartsWith(sent, StringComparison.Ordinal))
        {
            WriteDelta(frames, completed.ItemId, completed.ContentIndex, completed.Transcript[sent.Length..]);
        }

        frames.Write(EventTypes.TranscriptionCompleted, w =>
        {
            w.WriteString("item_id", completed.ItemId);
            w.WriteNumber("content_index", completed.ContentIndex);
            w.WriteString("transcript", completed.Transcript);
        });
    }

    private static void WriteDelta(Frames frames, string itemId, int contentIndex, string delta) =>
        frames.Write(TranscriptionDelta, w =>
        {
            w.WriteString("item_id", itemId);
            w.WriteNumber("content_index", contentIndex);
            w.WriteString("delta", delta);
        });

    private void WriteSession(Frames frames, string type, SessionConfiguration config)
    {
        var echo = _writeEcho;
        var language = config.InputAudioTranscription?.Language;
        var prompt = config.InputAudioTranscription?.Corpus?.Text;
        if (_beta)
        {
            frames.Write(type, w =>
            {
                w.WriteStartObject("session");
                w.WriteString("id", config.Id);
                w.WriteString("object", "realtime.transcription_session");
                w.WriteString("input_audio_format", echo.Format.BetaName());
                WriteTranscription(w, "input_audio_transcription", echo.Model, language, prompt);
                WriteTurnDetection(w, config.TurnDetection, echo);
                WriteRaw(w, "input_audio_noise_reduction", echo.NoiseReductionJson);
                WriteRaw(w, "include", echo.IncludeJson);
                w.WriteEndObject();
            });
            return;
        }

        frames.Write(type, w =>
        {
            w.WriteStartObject("session");
            w.WriteString("type", "transcription");
            w.WriteString("object", "realtime.transcription_session");
            w.WriteString("id", config.Id);
            w.WriteStartObject("audio");
            w.WriteStartObject("input");
            w.WriteStartObject("format");
            w.WriteString("type", echo.Format.GaName());
            w.WriteNumber("rate", echo.Format.WireRate());
            w.WriteEndObject();
            WriteTranscription(w, "transcription", echo.Model, language, prompt);
            WriteRaw(w, "noise_reduction", echo.NoiseReductionJson);
            WriteTurnDetection(w, config.TurnDetection, echo);
            w.WriteEndObject();
            w.WriteEndObject();
            WriteRaw(w, "include", echo.IncludeJson);
            w.WriteEndObject();
        });
    }

    private static void WriteTranscription(Utf8JsonWriter w, string name, string model, string? language, string? prompt)
    {
        w.WriteStartObject(name);
        w.WriteString("model", model);
        w.WriteString("language", language);
        w.WriteString("prompt", prompt ?? "");
        w.WriteEndObject();
    }

    private static void WriteTurnDetection(Utf8JsonWriter w, TurnDetection? turn, OpenAISessionEcho echo)
    {
        if (turn is null)
        {
            w.WriteNull("turn_detection");
            return;
        }

        w.WriteStartObject("turn_detection");
        w.WriteString("type", echo.VadType);
        if (echo.Eagerness is { } eagerness)
        {
            w.WriteString("eagerness", eagerness);
        }
        else
        {
            w.WriteNumber("threshold", turn.Threshold ?? TurnDetectionSettings.Balanced.Threshold);
            w.WriteNumber("prefix_padding_ms", echo.PrefixPaddingMs);
            w.WriteNumber("silence_duration_ms", turn.SilenceDurationMs ?? TurnDetectionSettings.Balanced.SilenceDurationMs);
        }

        w.WriteEndObject();
    }

    private static void WriteRaw(Utf8JsonWriter w, string name, string? json)
    {
        w.WritePropertyName(name);
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json, skipInputValidation: true);
        }
    }

    /// <summary>Writes whole frames back to back into one buffer; the first reuses the session event's id.</summary>
    private readonly struct Frames(ArrayBufferWriter<byte> output, List<int> ends, string firstEventId)
    {
        public void Write(string type, Action<Utf8JsonWriter> body)
        {
            using var writer = new Utf8JsonWriter(output);
            writer.WriteStartObject();
            writer.WriteString("event_id", ends.Count == 0 && firstEventId.Length > 0 ? firstEventId : ProtocolIds.NewEventId());
            writer.WriteString("type", type);
            body(writer);
            writer.WriteEndObject();
            writer.Flush();
            ends.Add(output.WrittenCount);
        }
    }
}
