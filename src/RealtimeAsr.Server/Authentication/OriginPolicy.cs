using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>
/// Which page origins may use client secrets: <see cref="ClientSecretOptions.AllowedOrigins"/> and the server's own
/// origin (the request's scheme and <c>Host</c>). Origins compare as <c>scheme://host[:port]</c>, case-insensitively,
/// the default port omitted.
/// </summary>
public sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    /// <summary>Normalises the configured origins once.</summary>
    public OriginPolicy(IOptions<ClientSecretOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowed = options.Value.AllowedOrigins.Select(Normalize).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// <paramref name="origin"/> as <c>scheme://host[:port]</c>, or <see langword="null"/> when it is not an http(s)
    /// origin (<c>null</c>, a path, a query, another scheme).
    /// </summary>
    public static string? Normalize(string? origin)
    {
        if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The request's <c>Origin</c> header, normalised, or <see langword="null"/> when absent or not an http(s) origin.</summary>
    public static string? OriginOf(HttpRequest request) =>
        request.Headers.Origin.Count == 1 ? Normalize(request.Headers.Origin[0]) : null;

    /// <summary>Whether a page of <paramref name="origin"/> (normalised) may use client secrets on <paramref name="request"/>'s server.</summary>
    public bool IsAllowed(string origin, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _allowed.Contains(origin)
            || string.Equals(origin, Normalize($"{request.Scheme}://{request.Host}"), StringComparison.OrdinalIgnoreCase);
    }
}
