using Microsoft.Extensions.Logging;

namespace RealtimeAsr.Client;

/// <summary>
/// Where and how <see cref="RealtimeAsrClient"/> connects: Alibaba Cloud Model Studio (DashScope) or a self-hosted
/// RealtimeAsr server. Every property documents its default.
/// </summary>
public sealed class RealtimeAsrClientOptions
{
    /// <summary>Alibaba Cloud's Beijing endpoint, the default of the official SDKs.</summary>
    public static readonly Uri DashScopeEndpoint = new("wss://dashscope.aliyuncs.com/api-ws/v1/realtime");

    /// <summary>Alibaba Cloud's international (Singapore) endpoint.</summary>
    public static readonly Uri DashScopeInternationalEndpoint = new("wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime");

    /// <summary>The stable model alias.</summary>
    public const string DefaultModel = "qwen3-asr-flash-realtime";

    /// <summary>The environment variable the API key is read from when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "DASHSCOPE_API_KEY";

    /// <summary>
    /// The WebSocket endpoint, without the <c>model</c> query parameter (it is appended, as the official SDKs do).
    /// An endpoint with no path gets <c>/api-ws/v1/realtime</c>. Default: <see cref="DashScopeEndpoint"/>.
    /// </summary>
    public Uri Endpoint { get; set; } = DashScopeEndpoint;

    /// <summary>The model, sent as <c>?model=</c>. Default: <see cref="DefaultModel"/>.</summary>
    public string Model { get; set; } = DefaultModel;

    /// <summary>
    /// The API key sent as <c>Authorization: Bearer</c>. Default: <see langword="null"/>, meaning the value of the
    /// <c>DASHSCOPE_API_KEY</c> environment variable; when that is empty too, no Authorization header is sent.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Optional workspace id, sent as the <c>X-DashScope-WorkSpace</c> header. Default: none.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// How long connecting may take: the WebSocket handshake plus the <c>session.update</c> / <c>session.updated</c>
    /// exchange. Default: 15 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long <see cref="RealtimeTranscriptionSession.FinishAsync"/> waits for <c>session.finished</c>. Default: 20 seconds, as the official SDKs.</summary>
    public TimeSpan FinishTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long disposing waits for the WebSocket close handshake before aborting the connection. Default: 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest server message accepted, in bytes; a larger one is a protocol violation that ends the session. Default: 4 MiB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Extra handshake headers, e.g. <c>X-DashScope-DataInspection: enable</c>. Default: none.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Logs connection and protocol anomalies. Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A copy, so a client is not affected by later changes to the instance it was built from.</summary>
    internal RealtimeAsrClientOptions Clone()
    {
        var copy = new RealtimeAsrClientOptions
        {
            Endpoint = Endpoint,
            Model = Model,
            ApiKey = ApiKey,
            Workspace = Workspace,
            ConnectTimeout = ConnectTimeout,
            FinishTimeout = FinishTimeout,
            CloseTimeout = CloseTimeout,
            MaxReceiveMessageBytes = MaxReceiveMessageBytes,
            LoggerFactory = LoggerFactory,
        };
        foreach (var (name, value) in Headers)
        {
            copy.Headers[name] = value;
        }

        return copy;
    }
}
