using System.Text.Json.Serialization;

namespace RealtimeAsr.Server;

/// <summary><c>GET /v1/models</c>: the served models as OpenAI lists its own.</summary>
/// <param name="ObjectType">Always <c>list</c>.</param>
/// <param name="Data">The models.</param>
public sealed record OpenAIModelList([property: JsonPropertyName("object")] string ObjectType, IReadOnlyList<OpenAIModel> Data);

/// <summary>One model of <see cref="OpenAIModelList"/>.</summary>
/// <param name="Id">The name to pass as <c>model</c>.</param>
/// <param name="ObjectType">Always <c>model</c>.</param>
/// <param name="Created">Unix seconds: when this server process started (the models have no release date of their own here).</param>
/// <param name="OwnedBy">Always <c>realtime-asr</c>.</param>
public sealed record OpenAIModel(string Id, [property: JsonPropertyName("object")] string ObjectType, long Created, string OwnedBy);

/// <summary><c>response_format=json</c>.</summary>
public sealed record TranscriptionJsonResponse(string Text);

/// <summary><c>response_format=verbose_json</c>.</summary>
/// <param name="Task">Always <c>transcribe</c>.</param>
/// <param name="Language">The language asked for, or the engine's first language when none was.</param>
/// <param name="Duration">Seconds of audio in the file.</param>
/// <param name="Text">All segments' text, space-separated.</param>
/// <param name="Segments">One per utterance the VAD found.</param>
public sealed record VerboseTranscriptionResponse(string Task, string Language, double Duration, string Text,
    IReadOnlyList<VerboseTranscriptionSegment> Segments);

/// <summary>
/// A segment of <see cref="VerboseTranscriptionResponse"/>, with every field OpenAI's has; those this server does not
/// measure (tokens, log probabilities, compression ratio) are empty or zero.
/// </summary>
public sealed record VerboseTranscriptionSegment(
    int Id,
    int Seek,
    double Start,
    double End,
    string Text,
    IReadOnlyList<int> Tokens,
    double Temperature,
    double AvgLogprob,
    double CompressionRatio,
    double NoSpeechProb);

/// <summary>A server-sent event of a streamed transcription: <c>transcript.text.delta</c> or <c>transcript.text.done</c>.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Delta">A delta's text (a segment, with a leading space after the first).</param>
/// <param name="Text">The done event's whole text.</param>
public sealed record TranscriptTextEvent(string Type, string? Delta = null, string? Text = null);

/// <summary>Source-generated JSON for the OpenAI transcription and model routes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAIModelList))]
[JsonSerializable(typeof(TranscriptionJsonResponse))]
[JsonSerializable(typeof(VerboseTranscriptionResponse))]
[JsonSerializable(typeof(TranscriptTextEvent))]
[JsonSerializable(typeof(OpenAIErrorResponse))]
public sealed partial class OpenAITranscriptionJsonContext : JsonSerializerContext;
