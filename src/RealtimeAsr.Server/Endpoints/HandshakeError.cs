using System.Text.Json.Serialization;

namespace RealtimeAsr.Server;

/// <summary>The JSON body of a refused handshake, shaped like DashScope's HTTP errors.</summary>
/// <param name="Code">E.g. <c>InvalidApiKey</c>, <c>ModelNotFound</c>, <c>InvalidParameter</c>.</param>
/// <param name="Message">What to fix.</param>
/// <param name="RequestId">The server's id of the request, for logs.</param>
public sealed record HandshakeError(string Code, string Message, string RequestId);

/// <summary>Source-generated JSON for <see cref="HandshakeError"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HandshakeError))]
public sealed partial class HandshakeJsonContext : JsonSerializerContext;
