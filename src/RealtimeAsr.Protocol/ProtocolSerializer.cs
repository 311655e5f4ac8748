using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeAsr.Protocol;

/// <summary>Writes events as JSON text frames and reads server events back, tolerating unknown types and fields.</summary>
public static class ProtocolSerializer
{
    private static readonly FrozenDictionary<string, JsonTypeInfo> s_serverEventTypes = new Dictionary<string, JsonTypeInfo>
    {
        [EventTypes.Error] = ProtocolJsonContext.Default.ErrorEvent,
        [EventTypes.SessionCreated] = ProtocolJsonContext.Default.SessionCreatedEvent,
        [EventTypes.SessionUpdated] = ProtocolJsonContext.Default.SessionUpdatedEvent,
        [EventTypes.SpeechStarted] = ProtocolJsonContext.Default.SpeechStartedEvent,
        [EventTypes.SpeechStopped] = ProtocolJsonContext.Default.SpeechStoppedEvent,
        [EventTypes.InputAudioBufferCommitted] = ProtocolJsonContext.Default.InputAudioBufferCommittedEvent,
        [EventTypes.InputAudioBufferCleared] = ProtocolJsonContext.Default.InputAudioBufferClearedEvent,
        [EventTypes.ConversationItemCreated] = ProtocolJsonContext.Default.ConversationItemCreatedEvent,
        [EventTypes.TranscriptionText] = ProtocolJsonContext.Default.TranscriptionTextEvent,
        [EventTypes.TranscriptionCompleted] = ProtocolJsonContext.Default.TranscriptionCompletedEvent,
        [EventTypes.TranscriptionFailed] = ProtocolJsonContext.Default.TranscriptionFailedEvent,
        [EventTypes.SessionFinished] = ProtocolJsonContext.Default.SessionFinishedEvent,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The same source-generated metadata, read with tolerant numbers: numeric strings for any number field, integral
    // floats for integer fields. Reading only: what this library writes is always strict.
    private static readonly JsonSerializerOptions s_tolerantOptions = new(ProtocolJsonContext.Default.Options)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new TolerantIntegerConverters.Int32(), new TolerantIntegerConverters.Int64() },
    };

    private static readonly FrozenDictionary<string, JsonTypeInfo> s_tolerantServerEventTypes = s_serverEventTypes.ToFrozenDictionary(
        pair => pair.Key,
        pair => s_tolerantOptions.GetTypeInfo(pair.Value.Type),
        StringComparer.Ordinal);

    /// <summary>Writes a server event as UTF-8 JSON.</summary>
    public static void Write(IBufferWriter<byte> output, ServerEvent serverEvent) => WriteObject(output, serverEvent);

    /// <summary>Writes a client event as UTF-8 JSON.</summary>
    /// <exception cref="NotSupportedException"><paramref name="clientEvent"/> is a subclass defined outside this library.</exception>
    public static void Write(IBufferWriter<byte> output, ClientEvent clientEvent) => WriteObject(output, clientEvent);

    /// <summary>A server event as a JSON string.</summary>
    public static string ToJson(ServerEvent serverEvent) => ToJsonString(serverEvent);

    /// <summary>A client event as a JSON string.</summary>
    public static string ToJson(ClientEvent clientEvent) => ToJsonString(clientEvent);

    /// <summary>
    /// Reads one server event. Known types become their typed class (unknown fields land in
    /// <see cref="ServerEvent.ExtensionData"/>); unknown types become <see cref="UnknownServerEvent"/>.
    /// </summary>
    /// <exception cref="JsonException">The text is not a JSON object with a string <c>type</c>.</exception>
    public static ServerEvent ReadServerEvent(ReadOnlySpan<byte> utf8Json)
    {
        var type = ReadType(utf8Json);
        if (s_serverEventTypes.TryGetValue(type, out var typeInfo))
        {
            return (ServerEvent)(JsonSerializer.Deserialize(utf8Json, typeInfo)
                ?? throw new JsonException("A server event was the JSON literal null."));
        }

        return ReadUnknown(utf8Json, type, readError: null);
    }

    /// <summary>
    /// Reads one server event as a client should: numbers are read tolerantly where the cloud's documented types allow
    /// another spelling (<c>16000.0</c> or <c>"16000"</c> for an integer, <c>"0.5"</c> for a number), and a known event
    /// that still cannot be read becomes an <see cref="UnknownServerEvent"/> that carries its JSON and
    /// <see cref="UnknownServerEvent.ReadError"/> instead of being lost. <see cref="ReadServerEvent"/> is the strict
    /// reading, for conformance checks.
    /// </summary>
    /// <exception cref="JsonException">The text is not a JSON object with a string <c>type</c>.</exception>
    public static ServerEvent ReadServerEventTolerant(ReadOnlySpan<byte> utf8Json)
    {
        var type = ReadType(utf8Json);
        if (!s_tolerantServerEventTypes.TryGetValue(type, out var typeInfo))
        {
            return ReadUnknown(utf8Json, type, readError: null);
        }

        JsonException readError;
        try
        {
            return (ServerEvent)(JsonSerializer.Deserialize(utf8Json, typeInfo)
                ?? throw new JsonException("A server event was the JSON literal null."));
        }
        catch (JsonException exception)
        {
            readError = exception;
        }
        catch (InvalidOperationException exception)
        {
            // Decoding an invalid string (an unpaired surrogate escape) throws this instead of JsonException.
            readError = new JsonException(exception.Message, exception);
        }

        // ReadType accepted the text as an object, but a known type's fields may still hide a syntax error.
        try
        {
            return ReadUnknown(utf8Json, type, readError);
        }
        catch (JsonException)
        {
            throw readError;
        }
    }

    private static UnknownServerEvent ReadUnknown(ReadOnlySpan<byte> utf8Json, string type, JsonException? readError)
    {
        using var document = JsonDocument.Parse(utf8Json.ToArray());
        var unknown = new UnknownServerEvent(type, document.RootElement.Clone()) { ReadError = readError };
        if (JsonStrings.TryGetProperty(document.RootElement, "event_id"u8, out var id) && JsonStrings.TryGetString(id, out var eventId))
        {
            unknown.EventId = eventId;
        }

        return unknown;
    }

    /// <summary>The top-level <c>type</c> of an event, read without materialising the rest.</summary>
    /// <exception cref="JsonException">The text is not a JSON object with a string <c>type</c>.</exception>
    public static string ReadType(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An event must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Not reader.GetString or ValueTextEquals: they throw InvalidOperationException on an unpaired surrogate escape.
            var isType = JsonStrings.ValueTextEquals(in reader, "type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                return JsonStrings.TryGetString(in reader, out var type)
                    ? type
                    : throw new JsonException("The event's \"type\" is not valid Unicode text.");
            }

            reader.Skip();
        }

        throw new JsonException("An event must have a string \"type\".");
    }

    private static void WriteObject<T>(IBufferWriter<byte> output, T value)
        where T : class
    {
        using var writer = new Utf8JsonWriter(output);
        if (value is UnknownServerEvent unknown)
        {
            // Nothing to model: the event goes back out exactly as it came in.
            unknown.Json.WriteTo(writer);
            return;
        }

        // Only the protocol's own types have source-generated metadata (no reflection, so trimming and AOT work).
        var typeInfo = ProtocolJsonContext.Default.GetTypeInfo(value.GetType())
            ?? throw new NotSupportedException(
                $"{value.GetType()} is not an event type of this library, so it has no JSON metadata. Serialize the event "
                + "yourself and send the JSON as it is (RealtimeTranscriptionSession.SendRawAsync in RealtimeAsr.Client), "
                + "or send a known event with extra fields in ExtensionData.");
        JsonSerializer.Serialize(writer, value, typeInfo);
    }

    private static string ToJsonString<T>(T value)
        where T : class
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteObject(buffer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
