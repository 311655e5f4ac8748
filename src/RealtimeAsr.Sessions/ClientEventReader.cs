using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

/// <summary>
/// Turns one client text frame into a <see cref="SessionCommand"/>. Every malformed frame becomes a
/// <see cref="RejectEvent"/> with a distinct code, never an exception. Audio is base64-decoded straight from the
/// UTF-8 frame into a pooled buffer, so a 15 MiB append allocates no intermediate string. Strings are read through
/// <see cref="JsonStrings"/>: one that is not valid Unicode (an escaped unpaired surrogate) is refused with
/// <c>invalid_value</c> naming its field, and never echoed back.
/// </summary>
public static class ClientEventReader
{
    /// <summary>Parses <paramref name="frame"/>, a complete UTF-8 JSON text message.</summary>
    public static SessionCommand Read(ReadOnlySpan<byte> frame)
    {
        var type = default(StringField);
        var eventId = default(StringField);
        JsonElement? session = null;
        var audio = default(AudioField);
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new RejectEvent(null, ErrorCodes.InvalidJson, "Each message must be a JSON object.", null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonStrings.ValueTextEquals(in reader, "type"u8))
                {
                    reader.Read();
                    type = StringField.Read(ref reader); // an object or array value is not a type, and nothing inside it is either
                }
                else if (JsonStrings.ValueTextEquals(in reader, "event_id"u8))
                {
                    reader.Read();
                    eventId = StringField.Read(ref reader);
                }
                else if (JsonStrings.ValueTextEquals(in reader, "audio"u8))
                {
                    reader.Read();
                    audio.Release();
                    audio = AudioField.Read(ref reader);
                }
                else if (JsonStrings.ValueTextEquals(in reader, "session"u8))
                {
                    reader.Read();
                    session = JsonElement.ParseValue(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // Reading past the end validates that nothing but whitespace follows the object.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            audio.Release();
            return new RejectEvent(eventId.Value, ErrorCodes.InvalidJson, $"The message is not valid JSON: {ex.Message}", null);
        }

        if (type.Value != EventTypes.InputAudioBufferAppend)
        {
            audio.Release();
        }

        // An event_id that is not text cannot be echoed: the error goes out without one, and the event is not acted on.
        if (eventId.IsInvalidText)
        {
            audio.Release();
            return new RejectEvent(null, ErrorCodes.InvalidValue, StringField.InvalidTextMessage("event_id"), "event_id");
        }

        var id = eventId.Value;
        if (type.IsInvalidText)
        {
            return new RejectEvent(id, ErrorCodes.InvalidValue, StringField.InvalidTextMessage("type"), "type");
        }

        return type.Value switch
        {
            null => new RejectEvent(id, ErrorCodes.MissingRequiredParameter, "The event has no string 'type'.", "type"),
            EventTypes.SessionUpdate => session is { } s
                ? new UpdateSession(id, s)
                : new RejectEvent(id, ErrorCodes.MissingRequiredParameter, "'session.update' requires a 'session' object.", "session"),
            EventTypes.InputAudioBufferAppend => audio.ToCommand(id),
            EventTypes.InputAudioBufferCommit => new CommitBuffer(id),
            EventTypes.InputAudioBufferClear => new ClearBuffer(id),
            EventTypes.SessionFinish => new FinishSession(id),
            _ => new RejectEvent(id, ErrorCodes.InvalidEvent,
                $"Unsupported event type '{type.Value}'. Supported: session.update, input_audio_buffer.append, input_audio_buffer.commit, input_audio_buffer.clear, session.finish.",
                "type"),
        };
    }

    /// <summary>
    /// A top-level string field (<c>type</c>, <c>event_id</c>) as found: its text, or none (absent or not a string,
    /// which callers treat alike), or a string that is not valid Unicode. The last occurrence of a field wins.
    /// </summary>
    private readonly record struct StringField(string? Value, bool IsInvalidText)
    {
        public static StringField Read(ref Utf8JsonReader reader)
        {
            var field = reader.TokenType != JsonTokenType.String
                ? default
                : JsonStrings.TryGetString(in reader, out var value) ? new StringField(value, false) : new StringField(null, true);
            reader.Skip();
            return field;
        }

        public static string InvalidTextMessage(string name) =>
            $"'{name}' is not valid Unicode text: it contains an unpaired UTF-16 surrogate escape (such as \\udc00) or invalid UTF-8.";
    }

    /// <summary>The <c>audio</c> field as found: absent, not a string, too large, bad base64, or decoded bytes.</summary>
    private struct AudioField
    {
        private enum State { Absent, NotString, TooLarge, BadBase64, Decoded }

        private State _state;
        private byte[]? _buffer;
        private int _length;

        public static AudioField Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return new AudioField { _state = State.NotString };
            }

            // The limit is on the base64 text; escapes only lengthen the raw JSON, so a raw length within it is fine,
            // and an escaped value is measured once unescaped.
            var text = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                // JSON escapes inside base64 are legal but rare (e.g. "\/"): unescape into a pooled buffer and decode the
                // base64 in place there. An escape that is not text (an unpaired surrogate) is not base64 either.
                var unescaped = ArrayPool<byte>.Shared.Rent(Math.Max(1, text.Length));
                if (!JsonStrings.TryUnescape(text, unescaped, out var length))
                {
                    ArrayPool<byte>.Shared.Return(unescaped);
                    return new AudioField { _state = State.BadBase64 };
                }

                if (length > InputAudioBufferAppendEvent.MaxAudioBase64Length)
                {
                    ArrayPool<byte>.Shared.Return(unescaped);
                    return new AudioField { _state = State.TooLarge };
                }

                if (Base64.DecodeFromUtf8InPlace(unescaped.AsSpan(0, length), out var decoded) != OperationStatus.Done)
                {
                    ArrayPool<byte>.Shared.Return(unescaped);
                    return new AudioField { _state = State.BadBase64 };
                }

                return new AudioField { _state = State.Decoded, _buffer = unescaped, _length = decoded };
            }

            if (text.Length > InputAudioBufferAppendEvent.MaxAudioBase64Length)
            {
                return new AudioField { _state = State.TooLarge };
            }

            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64.GetMaxDecodedFromUtf8Length(text.Length)));
            if (Base64.DecodeFromUtf8(text, buffer, out _, out var written) != OperationStatus.Done)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return new AudioField { _state = State.BadBase64 };
            }

            return new AudioField { _state = State.Decoded, _buffer = buffer, _length = written };
        }

        public readonly SessionCommand ToCommand(string? eventId) => _state switch
        {
            State.Decoded => new AppendAudio(eventId, _buffer!, _length),
            State.Absent => new RejectEvent(eventId, ErrorCodes.MissingRequiredParameter, "'input_audio_buffer.append' requires 'audio'.", "audio"),
            State.NotString => new RejectEvent(eventId, ErrorCodes.InvalidValue, "'audio' must be a base64 string.", "audio"),
            State.TooLarge => new RejectEvent(eventId, ErrorCodes.AudioTooLarge,
                $"'audio' exceeds {InputAudioBufferAppendEvent.MaxAudioBase64Length} bytes (15 MiB) of base64 in one append; send smaller chunks.", "audio"),
            _ => new RejectEvent(eventId, ErrorCodes.InvalidBase64, "'audio' is not valid base64.", "audio"),
        };

        public void Release()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }
}
