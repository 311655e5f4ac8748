using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

/// <summary>
/// Turns one client text frame into a <see cref="SessionCommand"/>. Every malformed frame becomes a
/// <see cref="RejectEvent"/> with a distinct code, never an exception. Audio is base64-decoded straight from the
/// UTF-8 frame into a pooled buffer, so a 15 MiB append allocates no intermediate string.
/// </summary>
public static class ClientEventReader
{
    /// <summary>Parses <paramref name="frame"/>, a complete UTF-8 JSON text message.</summary>
    public static SessionCommand Read(ReadOnlySpan<byte> frame)
    {
        string? type = null, eventId = null;
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
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip(); // an object or array value is not a type, and nothing inside it is either
                }
                else if (reader.ValueTextEquals("event_id"u8))
                {
                    reader.Read();
                    eventId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("audio"u8))
                {
                    reader.Read();
                    audio.Release();
                    audio = AudioField.Read(ref reader);
                }
                else if (reader.ValueTextEquals("session"u8))
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
            return new RejectEvent(eventId, ErrorCodes.InvalidJson, $"The message is not valid JSON: {ex.Message}", null);
        }

        if (type != EventTypes.InputAudioBufferAppend)
        {
            audio.Release();
        }

        return type switch
        {
            null => new RejectEvent(eventId, ErrorCodes.MissingRequiredParameter, "The event has no string 'type'.", "type"),
            EventTypes.SessionUpdate => session is { } s
                ? new UpdateSession(eventId, s)
                : new RejectEvent(eventId, ErrorCodes.MissingRequiredParameter, "'session.update' requires a 'session' object.", "session"),
            EventTypes.InputAudioBufferAppend => audio.ToCommand(eventId),
            EventTypes.InputAudioBufferCommit => new CommitBuffer(eventId),
            EventTypes.InputAudioBufferClear => new ClearBuffer(eventId),
            EventTypes.SessionFinish => new FinishSession(eventId),
            _ => new RejectEvent(eventId, ErrorCodes.InvalidEvent,
                $"Unsupported event type '{type}'. Supported: session.update, input_audio_buffer.append, input_audio_buffer.commit, input_audio_buffer.clear, session.finish.",
                "type"),
        };
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
            // and an escaped value is measured after decoding (base64 text is 4/3 of its bytes).
            var text = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                // JSON escapes inside base64 are legal but rare (e.g. "\/"); take the slow, allocating path.
                if (!reader.TryGetBytesFromBase64(out var bytes))
                {
                    return new AudioField { _state = State.BadBase64 };
                }

                return (long)bytes.Length * 4 / 3 > InputAudioBufferAppendEvent.MaxAudioBase64Length
                    ? new AudioField { _state = State.TooLarge }
                    : FromBytes(bytes);
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

        private static AudioField FromBytes(byte[] bytes)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
            bytes.CopyTo(buffer, 0);
            return new AudioField { _state = State.Decoded, _buffer = buffer, _length = bytes.Length };
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
