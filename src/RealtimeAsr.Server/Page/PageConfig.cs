using System.Text.Json.Serialization;

namespace RealtimeAsr.Server;

/// <summary>The body of <c>GET /page/config</c>: what the browser page needs to fill its selectors and connect.</summary>
/// <param name="Models">The models served now, with their engine and languages.</param>
/// <param name="Auth">How the page connects: <see cref="PageAuthModes"/>.</param>
/// <param name="RealtimePath">The WebSocket path, relative to the page's origin.</param>
public sealed record PageConfig(IReadOnlyList<ServedModel> Models, string Auth, string RealtimePath);

/// <summary>The values of <see cref="PageConfig.Auth"/>.</summary>
public static class PageAuthModes
{
    /// <summary>The server has no API keys: the page connects with no credentials.</summary>
    public const string Open = "open";

    /// <summary>The server has keys and <see cref="PageOptions.IssueTokens"/>: the page asks <c>POST /page/client_secret</c> for a short-lived token first.</summary>
    public const string Token = "token";

    /// <summary>The server has keys and issues no tokens: the page cannot connect (it never holds an API key).</summary>
    public const string Unavailable = "unavailable";
}

/// <summary>Source-generated JSON for <see cref="PageConfig"/>, in the protocol's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PageConfig))]
public sealed partial class PageJsonContext : JsonSerializerContext;
