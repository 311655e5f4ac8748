namespace RealtimeAsr.Server;

/// <summary>The browser page at <c>/</c>, bound from <c>RealtimeAsr:Page</c>. See docs/OPERATIONS.md, "The browser page".</summary>
public sealed class PageOptions
{
    /// <summary>The configuration section, under <c>RealtimeAsr</c>.</summary>
    public const string SectionName = "Page";

    /// <summary>Whether the server serves the page at <c>/</c> (and its <c>/page/…</c> routes). Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether <c>POST /page/client_secret</c> mints ephemeral client tokens for the page when the server has API keys.
    /// Default <see langword="false"/>: anyone who can reach that route gets a token, so turn it on only behind a login
    /// of your own (a reverse proxy, say). Without keys the page connects directly and needs no token.
    /// </summary>
    public bool IssueTokens { get; set; }
}
