using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
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

    /// <summary>Writes a server event as UTF-8 JSON.</summary>
    public static void Write(IBufferWriter<byte> output, ServerEvent serverEvent) => WriteObject(output, serverEvent);

    /// <summary>Writes a client event as UTF-8 JSON.</summary>
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

        using var document = JsonDocument.Parse(utf8Json.ToArray());
        var unknown = new UnknownServerEvent(type, document.RootElement.Clone());
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

        JsonSerializer.Serialize(writer, value, ProtocolJsonContext.Default.GetTypeInfo(value.GetType())!);
    }

    private static string ToJsonString<T>(T value)
        where T : class
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteObject(buffer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
