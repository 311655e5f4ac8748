using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>Source-generated System.Text.Json metadata for every wire type (snake_case names, nulls written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(ServerEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(SessionCreatedEvent))]
[JsonSerializable(typeof(SessionUpdatedEvent))]
[JsonSerializable(typeof(SpeechStartedEvent))]
[JsonSerializable(typeof(SpeechStoppedEvent))]
[JsonSerializable(typeof(InputAudioBufferCommittedEvent))]
[JsonSerializable(typeof(InputAudioBufferClearedEvent))]
[JsonSerializable(typeof(ConversationItemCreatedEvent))]
[JsonSerializable(typeof(TranscriptionTextEvent))]
[JsonSerializable(typeof(TranscriptionCompletedEvent))]
[JsonSerializable(typeof(TranscriptionFailedEvent))]
[JsonSerializable(typeof(SessionFinishedEvent))]
[JsonSerializable(typeof(ClientEvent))]
[JsonSerializable(typeof(SessionUpdateEvent))]
[JsonSerializable(typeof(InputAudioBufferAppendEvent))]
[JsonSerializable(typeof(InputAudioBufferCommitEvent))]
[JsonSerializable(typeof(InputAudioBufferClearEvent))]
[JsonSerializable(typeof(SessionFinishEvent))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
