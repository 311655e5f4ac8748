using System.Net.WebSockets;
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
    /// The API key sent as <c>Authorization: Bearer</c>, to any endpoint. Default: <see langword="null"/>, meaning the
    /// value of the <c>DASHSCOPE_API_KEY</c> environment variable, but only for Alibaba Cloud's hosts
    /// (<c>aliyuncs.com</c> and its subdomains, e.g. <c>dashscope.aliyuncs.com</c>, <c>dashscope-intl.aliyuncs.com</c>):
    /// an Alibaba key is never sent to another server just because it is in the environment. With no key, no
    /// Authorization header is sent.
    /// </summary>
    /// <remarks>No key (given or from the environment) is sent over unencrypted <c>ws://</c> to a host other than
    /// loopback unless <see cref="AllowApiKeyOverInsecureTransport"/> is set: the client refuses instead.</remarks>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Allows sending the API key over unencrypted <c>ws://</c> to a host other than loopback (<c>localhost</c>,
    /// <c>127.0.0.0/8</c>, <c>::1</c>), where anyone on the path can read it. Default: <see langword="false"/>: such a
    /// client throws <see cref="ArgumentException"/> when it is created (or <see cref="InvalidOperationException"/>
    /// on connecting, when the key comes from the environment later). Use <c>wss://</c> instead where possible.
    /// </summary>
    public bool AllowApiKeyOverInsecureTransport { get; set; }

    /// <summary>
    /// Whether <paramref name="endpoint"/> is Alibaba Cloud's (<c>aliyuncs.com</c> or a subdomain), the only kind of
    /// endpoint that gets the <c>DASHSCOPE_API_KEY</c> environment variable when <see cref="ApiKey"/> is not set.
    /// </summary>
    public static bool IsAlibabaCloudEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Internal.ApiKeyPolicy.IsAlibabaCloud(endpoint);
    }

    /// <summary>Optional workspace id, sent as the <c>X-DashScope-WorkSpace</c> header. Default: none.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// How long connecting may take: the WebSocket handshake plus the <c>session.update</c> / <c>session.updated</c>
    /// exchange. Default: 15 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long <see cref="RealtimeTranscriptionSession.FinishAsync"/> waits for <c>session.finished</c> <b>without
    /// hearing from the server</b>: an inactivity limit that restarts with every server message. Audio sent faster
    /// than real time may still be recognised for minutes after <c>session.finish</c>; as long as results keep
    /// coming, finishing keeps waiting. Default: 20 seconds of silence, the limit the official SDKs put on the whole
    /// wait. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.
    /// </summary>
    public TimeSpan FinishTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long writing one frame may take once it has started. A frame cannot be abandoned halfway without breaking
    /// the connection, so a cancelled send still completes its frame (then throws
    /// <see cref="OperationCanceledException"/>); this bounds that wait and a stalled server. When it expires the
    /// connection is aborted and <see cref="RealtimeAsrTimeoutException"/> thrown. Default: 60 seconds (a 100 ms append
    /// is 3.2 KB; the largest append, about 15 MB, needs about 2 Mbit/s).
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long disposing waits for the WebSocket close handshake before aborting the connection. Default: 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest server message accepted, in bytes; a larger one is a protocol violation that ends the session. Default: 4 MiB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Extra handshake headers, e.g. <c>X-DashScope-DataInspection: enable</c>. Default: none.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Logs connection and protocol anomalies. Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Called for every connection after the client set its own headers, to change the WebSocket options:
    /// <see cref="ClientWebSocketOptions.SetRequestHeader"/>, <see cref="ClientWebSocketOptions.KeepAliveInterval"/>,
    /// <see cref="ClientWebSocketOptions.AddSubProtocol"/> and the like. Default: none.
    /// </summary>
    /// <remarks>The client connects through its own HTTP handler (to report the body of a refused handshake), so
    /// <see cref="ClientWebSocketOptions.Proxy"/>, <see cref="ClientWebSocketOptions.ClientCertificates"/>,
    /// <see cref="ClientWebSocketOptions.RemoteCertificateValidationCallback"/>, <see cref="ClientWebSocketOptions.Credentials"/>
    /// and <see cref="ClientWebSocketOptions.UseDefaultCredentials"/> must not be set here (connecting then throws
    /// <see cref="ArgumentException"/>): set them on the handler with <see cref="ConfigureHttpHandler"/>.</remarks>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// Called for every connection with the <see cref="SocketsHttpHandler"/> the WebSocket handshake goes through: the
    /// place for a proxy (<see cref="SocketsHttpHandler.Proxy"/>), client certificates and server certificate
    /// validation (<see cref="SocketsHttpHandler.SslOptions"/>), or a custom <see cref="SocketsHttpHandler.ConnectCallback"/>
    /// (a test server in memory). Default: none; the handler's <see cref="SocketsHttpHandler.ConnectTimeout"/> is
    /// <see cref="ConnectTimeout"/>.
    /// </summary>
    public Action<SocketsHttpHandler>? ConfigureHttpHandler { get; set; }

    /// <summary>A copy, so a client is not affected by later changes to the instance it was built from.</summary>
    internal RealtimeAsrClientOptions Clone()
    {
        var copy = new RealtimeAsrClientOptions
        {
            Endpoint = Endpoint,
            Model = Model,
            ApiKey = ApiKey,
            AllowApiKeyOverInsecureTransport = AllowApiKeyOverInsecureTransport,
            Workspace = Workspace,
            ConnectTimeout = ConnectTimeout,
            FinishTimeout = FinishTimeout,
            SendTimeout = SendTimeout,
            CloseTimeout = CloseTimeout,
            MaxReceiveMessageBytes = MaxReceiveMessageBytes,
            LoggerFactory = LoggerFactory,
            ConfigureWebSocket = ConfigureWebSocket,
            ConfigureHttpHandler = ConfigureHttpHandler,
        };
        foreach (var (name, value) in Headers)
        {
            copy.Headers[name] = value;
        }

        return copy;
    }
}
