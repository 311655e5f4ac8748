using System.Text.Json.Serialization;

namespace RealtimeAsr.Server;

/// <summary>
/// A minted client secret as OpenAI's GA <c>POST /v1/realtime/client_secrets</c> answers it; the page's route sends it
/// without <see cref="Session"/>.
/// </summary>
/// <param name="Value">The token, <c>ek_…</c>.</param>
/// <param name="ExpiresAt">Unix seconds.</param>
/// <param name="Session">What the token is bound to.</param>
public sealed record ClientSecretResponse(string Value, long ExpiresAt, ClientSecretSession? Session = null);

/// <summary>The <c>session</c> a token is bound to, in OpenAI's shape for its <paramref name="Type"/>.</summary>
/// <param name="Type"><c>transcription</c> or <c>realtime</c>.</param>
/// <param name="Model">A <c>realtime</c> session's model.</param>
/// <param name="Audio">A <c>transcription</c> session's model, as <c>audio.input.transcription.model</c>.</param>
public sealed record ClientSecretSession(string Type, string? Model, ClientSecretSessionAudio? Audio);

/// <summary><c>session.audio</c>.</summary>
public sealed record ClientSecretSessionAudio(ClientSecretSessionAudioInput Input);

/// <summary><c>session.audio.input</c>.</summary>
public sealed record ClientSecretSessionAudioInput(ClientSecretSessionTranscription Transcription);

/// <summary><c>session.audio.input.transcription</c>.</summary>
public sealed record ClientSecretSessionTranscription(string Model);

/// <summary>An error as OpenAI's HTTP API sends it, for clients of <c>/v1/…</c> (their SDKs read this shape).</summary>
public sealed record OpenAIErrorResponse(OpenAIError Error);

/// <summary>The <c>error</c> of <see cref="OpenAIErrorResponse"/>.</summary>
/// <param name="Message">What to fix.</param>
/// <param name="Type"><c>invalid_request_error</c>.</param>
/// <param name="Param">The offending request field (dotted path), or <see langword="null"/>.</param>
/// <param name="Code">A short machine-readable code, or <see langword="null"/>.</param>
public sealed record OpenAIError(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

/// <summary>Source-generated JSON for the client-secret routes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientSecretResponse))]
[JsonSerializable(typeof(OpenAIErrorResponse))]
public sealed partial class ClientSecretJsonContext : JsonSerializerContext;
