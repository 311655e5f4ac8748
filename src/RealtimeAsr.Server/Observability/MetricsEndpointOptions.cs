namespace RealtimeAsr.Server;

/// <summary>The Prometheus scraping endpoint, bound from the <c>RealtimeAsr:Metrics</c> configuration section.</summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "RealtimeAsr:Metrics";

    /// <summary>Whether the server answers Prometheus scrapes at <see cref="Path"/>. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where Prometheus scrapes the metrics (text exposition format). Default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Whether a scrape must send one of the API keys (<c>Authorization: Bearer &lt;key&gt;</c>, as the realtime endpoint;
    /// Prometheus sends it with <c>authorization: { credentials: … }</c>). Default <see langword="false"/>: Prometheus
    /// usually scrapes without credentials, and the metrics hold counts and durations by model, engine and error code,
    /// never keys, audio or transcripts. Ignored while no key is configured (the server then listens on loopback only).
    /// </summary>
    public bool RequireApiKey { get; set; }
}
