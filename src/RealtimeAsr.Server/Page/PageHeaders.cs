namespace RealtimeAsr.Server;

/// <summary>The response headers of the page's files. See docs/OPERATIONS.md, "The browser page".</summary>
public static class PageHeaders
{
    /// <summary>
    /// Sets them on <paramref name="context"/>'s response: revalidate every time (a server upgrade shows at once; the
    /// files are small and answer 304 while unchanged), a Content-Security-Policy that lets the page load only its own
    /// files and open WebSockets only to this server, and no sniffing, framing or referrer.
    /// </summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.Host);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "microphone=(self)";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>
    /// The policy for a page served at <paramref name="host"/>. <c>connect-src</c> names the WebSocket origins of the
    /// same host explicitly: browsers older than CSP level 3 do not count <c>ws:</c> to the page's host as <c>'self'</c>.
    /// </summary>
    public static string ContentSecurityPolicy(HostString host)
    {
        var self = host.ToUriComponent();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + $"connect-src 'self' ws://{self} wss://{self}; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
